using System.Globalization;
using System.Net;
using System.Xml;
using System.Xml.Linq;
using Azure.Identity;
using Polly;
using Polly.Retry;

namespace DigitalDelivery.Core.Blobs;

// Sending, retrying and error translation shared by every operation.
public sealed partial class BlobStore
{
    private const string MetadataPrefix = "x-ms-meta-";

    private static ResiliencePipeline<HttpResponseMessage> CreateRetryPipeline(BlobStoreOptions options, TimeProvider timeProvider)
    {
        if (options.MaxRetries == 0)
        {
            return ResiliencePipeline<HttpResponseMessage>.Empty;
        }

        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TaskCanceledException>(ex => ex.InnerException is TimeoutException) // HttpClient.Timeout, not the caller
                    .HandleResult(response => response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
                        or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
                        or HttpStatusCode.GatewayTimeout),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>
    /// Sends a request built afresh for every attempt (new date, new signature, same in-memory body), and turns
    /// transport failures into <see cref="BlobStorageException"/>. HTTP error statuses are returned for the caller
    /// to interpret.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, string operation, HttpCompletionOption completion,
        bool retry, CancellationToken cancellationToken)
    {
        var pipeline = retry ? _retry : ResiliencePipeline<HttpResponseMessage>.Empty;
        try
        {
            return await pipeline.ExecuteAsync(
                async token =>
                {
                    using var request = createRequest();
                    request.Headers.TryAddWithoutValidation("x-ms-version", ApiVersion);
                    request.Headers.TryAddWithoutValidation("x-ms-date", _time.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
                    request.Headers.TryAddWithoutValidation("x-ms-client-request-id", Guid.NewGuid().ToString());
                    await _authorizer.AuthorizeAsync(request, token).ConfigureAwait(false);
                    return await _http.SendAsync(request, completion, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new BlobStorageException($"{operation} failed: Blob storage at {_baseUri} is unreachable ({ex.Message}).", null, null, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BlobStorageException(
                $"{operation} failed: no response from Blob storage at {_baseUri} within {_options.RequestTimeout.TotalSeconds:0} s.", null, null, ex);
        }
        catch (AuthenticationFailedException ex)
        {
            throw new BlobStorageException($"{operation} failed: no Entra ID token for Blob storage ({ex.Message}).", null, null, ex);
        }
    }

    /// <summary>Reads x-ms-error-code and the XML error message (not for HEAD, which has no body) and disposes the response.</summary>
    private static async Task<BlobStorageException> ErrorAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        using (response)
        {
            var code = ErrorCodeOf(response);
            string? detail = null;
            if (response.RequestMessage?.Method != HttpMethod.Head)
            {
                try
                {
                    var error = await LoadXmlAsync(response, cancellationToken).ConfigureAwait(false);
                    code ??= error.Root?.Element("Code")?.Value;
                    detail = error.Root?.Element("Message")?.Value.Split('\n')[0].Trim();
                }
                catch (Exception ex) when (ex is XmlException or IOException or HttpRequestException)
                {
                    // No readable error body: the status and error code still say what happened.
                }
            }

            var status = string.Create(CultureInfo.InvariantCulture, $"{(int)response.StatusCode} {code ?? response.ReasonPhrase}");
            var message = detail is null ? $"{operation} failed with {status}." : $"{operation} failed with {status}: {detail}";
            return new BlobStorageException(message, response.StatusCode, code);
        }
    }

    private static string? ErrorCodeOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-ms-error-code", out var values) ? values.FirstOrDefault() : null;

    // The raw header: the service compares ETags as opaque quoted strings.
    private static string ETagOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("ETag", out var values) ? values.First() : string.Empty;

    private static async Task<XDocument> LoadXmlAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var settings = new XmlReaderSettings { Async = true, DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(stream, settings);
            return await XDocument.LoadAsync(reader, LoadOptions.None, cancellationToken).ConfigureAwait(false);
        }
    }
}
