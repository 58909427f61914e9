using System.Diagnostics;
using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using DigitalDelivery.Core.Deliveries.Handlers.Network;

namespace DigitalDelivery.Core.Deliveries.Handlers.Storage;

/// <summary>
/// Writes payloads to a merchant's S3 bucket (AWS, or another S3-compatible service at <c>endpoint</c>) with its
/// access key. The SDK's own retries are off (the engine's retry policy counts every attempt), its connections go
/// through <see cref="OutboundConnector"/>, and it computes checksums only where S3 requires them, which is what
/// S3-compatible services other than AWS understand.
/// </summary>
internal sealed class S3ObjectWriter(OutboundConnector connector) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(100);

    private readonly HttpMessageHandler _handler = connector.CreateHttpHandler(TimeSpan.FromSeconds(10));

    public Task<DeliveryOutcome> WriteAsync(StorageConfig config, string secretAccessKey, string key, string content, CancellationToken cancellationToken) =>
        WriteAsync(config, secretAccessKey, new PutObjectRequest { Key = key, ContentBody = content, ContentType = "application/json" }, cancellationToken);

    /// <summary>
    /// A file streamed in one PUT (S3's limit for one is 5 GiB, the catalog's default largest file). The stream knows
    /// its length; over plain http the SDK reads it once more to sign its hash, over https the payload is not signed
    /// (TLS protects it), so it is read once.
    /// </summary>
    public Task<DeliveryOutcome> WriteAsync(StorageConfig config, string secretAccessKey, string key, Stream content, string contentType, CancellationToken cancellationToken) =>
        WriteAsync(config, secretAccessKey, new PutObjectRequest
        {
            Key = key,
            InputStream = content,
            AutoCloseStream = false,
            ContentType = contentType,
            DisablePayloadSigning = config.Endpoint is null || config.Endpoint.StartsWith("https:", StringComparison.OrdinalIgnoreCase),
        }, cancellationToken);

    private async Task<DeliveryOutcome> WriteAsync(StorageConfig config, string secretAccessKey, PutObjectRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var client = Client(config, secretAccessKey);
            request.BucketName = config.Bucket;

            // aws-chunked bodies are AWS's own; S3-compatible services may store the chunk framing as content.
            request.UseChunkEncoding = false;
            var response = await client.PutObjectAsync(request, cancellationToken);
            return DeliveryOutcome.Delivered(Stopwatch.GetElapsedTime(started), $"{config.Bucket}/{request.Key}", (int)response.HttpStatusCode);
        }
        catch (Exception ex) when (Failure(ex, started) is { } outcome && !cancellationToken.IsCancellationRequested)
        {
            return outcome;
        }
    }

    public async Task<DeliveryOutcome> ProbeAsync(StorageConfig config, string secretAccessKey, string key, CancellationToken cancellationToken)
    {
        var written = await WriteAsync(config, secretAccessKey, key, "{}", cancellationToken);
        if (!written.Succeeded)
        {
            return written;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var client = Client(config, secretAccessKey);
            await client.DeleteObjectAsync(config.Bucket, key, cancellationToken);
            return written with { Result = null, Duration = written.Duration + Stopwatch.GetElapsedTime(started) };
        }
        catch (Exception ex) when (Failure(ex, started) is { } failed && !cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Permanent($"the probe was written but could not be deleted: {failed.Error}", written.Duration, failed.ResponseStatus);
        }
    }

    public void Dispose() => _handler.Dispose();

    private AmazonS3Client Client(StorageConfig config, string secretAccessKey)
    {
        var s3 = new AmazonS3Config
        {
            MaxErrorRetry = 0,
            Timeout = Timeout,
            HttpClientFactory = new GuardedHttpClientFactory(_handler, Timeout),
            ForcePathStyle = config.ForcePathStyle ?? false,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (config.Endpoint is { } endpoint)
        {
            s3.ServiceURL = endpoint;

            // Signing needs a region; S3-compatible services mostly accept AWS's default one.
            s3.AuthenticationRegion = config.Region ?? "us-east-1";
        }
        else
        {
            s3.RegionEndpoint = RegionEndpoint.GetBySystemName(config.Region!);
        }

        return new AmazonS3Client(new BasicAWSCredentials(config.AccessKeyId, secretAccessKey), s3);
    }

    // The error code (NoSuchBucket, InvalidAccessKeyId, SignatureDoesNotMatch) says what to fix; S3's message may
    // quote the request. Null for what is not the peer's doing, which then propagates.
    private static DeliveryOutcome? Failure(Exception ex, long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is OutboundAddressRefusedException refused)
            {
                return DeliveryOutcome.Permanent(refused.Message, elapsed);
            }
        }

        if (ex is AmazonServiceException { StatusCode: var status and not 0 } service)
        {
            var code = (int)status;
            var error = $"S3 {code}: {service.ErrorCode ?? status.ToString()}";
            return code is 408 or 429 or >= 500 || service.ErrorCode is "SlowDown" or "Throttling" or "ThrottlingException" or "RequestTimeout"
                ? DeliveryOutcome.Transient(error, elapsed, code)
                : DeliveryOutcome.Permanent(error, elapsed, code);
        }

        return ex is AmazonClientException or AmazonServiceException or HttpRequestException or IOException or TimeoutException or OperationCanceledException or WebException
            ? DeliveryOutcome.Transient($"S3: no answer ({(ex.InnerException ?? ex).Message})", elapsed)
            : null;
    }
}
