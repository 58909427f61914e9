using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Azure.Core;
using Azure.Identity;
using Polly;

namespace DigitalDelivery.Core.Blobs;

/// <summary>
/// A small Azure Blob storage client over the REST API (version <see cref="ApiVersion"/>), written here because
/// Azure.Storage.Blobs cannot be restored from this machine's package mirror. Authorizes with Shared Key (account
/// connection string, the emulator) or Entra ID bearer tokens (service URI). Uploads stream in fixed-size blocks
/// and downloads stream straight from the response, so multi-gigabyte files never sit in memory.
/// It owns its HttpClient on purpose: the factory's default resilience handler (30 s total timeout, retries) must
/// not apply to long transfers; this client retries transient failures itself, and only requests whose body it
/// holds in memory (it never re-reads a caller's stream).
/// </summary>
public sealed partial class BlobStore : IDisposable
{
    public const string ApiVersion = "2023-11-03";

    private readonly HttpClient _http;
    private readonly IBlobRequestAuthorizer _authorizer;
    private readonly SharedKeyAuthorizer? _sharedKey;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;
    private readonly BlobStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly string _baseUri;

    /// <param name="settings">Where and how to connect.</param>
    /// <param name="options">Block size, concurrency, timeouts and retries.</param>
    /// <param name="credential">For the service-URI form; DefaultAzureCredential when null.</param>
    /// <param name="timeProvider">Clock for request dates, SAS expiry and retry delays.</param>
    public BlobStore(BlobConnectionSettings settings, BlobStoreOptions? options = null, TokenCredential? credential = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _options = options ?? new BlobStoreOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        Settings = settings;
        _baseUri = settings.BlobEndpoint.AbsoluteUri.TrimEnd('/');
        if (settings.Authentication == BlobAuthenticationMode.SharedKey)
        {
            _sharedKey = new SharedKeyAuthorizer(settings.AccountName!, settings.AccountKey!);
            _authorizer = _sharedKey;
        }
        else
        {
            _authorizer = new BearerTokenAuthorizer(credential ?? new DefaultAzureCredential(), _time);
        }

        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = _options.RequestTimeout };
        _retry = CreateRetryPipeline(_options, _time);
    }

    public BlobConnectionSettings Settings { get; }

    /// <summary>True when read SAS URIs can be created (Shared Key); with Entra ID, stream through the API instead.</summary>
    public bool CanCreateSasUris => _sharedKey is not null;

    /// <summary>Creates the container (private access) unless it exists; true when it was created.</summary>
    public async Task<bool> CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken = default)
    {
        BlobPaths.ValidateContainer(container);
        var uri = ContainerUri(container, "restype=container");
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, uri), $"Create container '{container}'",
            HttpCompletionOption.ResponseContentRead, retry: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            return true;
        }

        if (response.StatusCode == HttpStatusCode.Conflict && ErrorCodeOf(response) == "ContainerAlreadyExists")
        {
            return false;
        }

        throw await ErrorAsync(response, $"Create container '{container}'", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the container and everything in it; false when it did not exist.</summary>
    public async Task<bool> DeleteContainerAsync(string container, CancellationToken cancellationToken = default)
    {
        BlobPaths.ValidateContainer(container);
        var uri = ContainerUri(container, "restype=container");
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, uri), $"Delete container '{container}'",
            HttpCompletionOption.ResponseContentRead, retry: true, cancellationToken).ConfigureAwait(false);
        return response.StatusCode switch
        {
            HttpStatusCode.Accepted => true,
            HttpStatusCode.NotFound => false,
            _ => throw await ErrorAsync(response, $"Delete container '{container}'", cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>Get Blob Properties (HEAD); null when the blob or its container does not exist.</summary>
    public async Task<BlobProperties?> GetPropertiesAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        var uri = BlobUri(container, blobName);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, uri), $"Get properties of '{container}/{blobName}'",
            HttpCompletionOption.ResponseContentRead, retry: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw await ErrorAsync(response, $"Get properties of '{container}/{blobName}'", cancellationToken).ConfigureAwait(false);
        }

        var metadata = response.Headers
            .Where(header => header.Key.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(header => header.Key[MetadataPrefix.Length..], header => string.Join(",", header.Value), StringComparer.OrdinalIgnoreCase);
        var content = response.Content.Headers;
        return new BlobProperties(
            content.ContentLength ?? 0,
            content.ContentType?.ToString(),
            ETagOf(response),
            content.LastModified ?? DateTimeOffset.MinValue,
            metadata);
    }

    /// <summary>
    /// Get Blob, streamed: the whole blob, or one <paramref name="range"/> (answered with 206 and Content-Range).
    /// <paramref name="ifMatch"/> (an ETag) makes a resumed download fail with 412 if the blob changed meanwhile.
    /// Null when the blob does not exist; a range beyond the end fails with 416 (InvalidRange).
    /// </summary>
    public async Task<BlobDownload?> DownloadAsync(string container, string blobName, BlobRange? range = null, string? ifMatch = null,
        CancellationToken cancellationToken = default)
    {
        var uri = BlobUri(container, blobName);
        var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (range is { } wanted)
            {
                request.Headers.TryAddWithoutValidation("x-ms-range", wanted.ToString());
            }

            if (ifMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }

            return request;
        }, $"Download '{container}/{blobName}'", HttpCompletionOption.ResponseHeadersRead, retry: true, cancellationToken).ConfigureAwait(false);

        try
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                response.Dispose();
                return null;
            }

            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.PartialContent))
            {
                throw await ErrorAsync(response, $"Download '{container}/{blobName}'", cancellationToken).ConfigureAwait(false);
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new BlobDownload(response, stream, ETagOf(response));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Deletes the blob (and its snapshots); false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        var uri = BlobUri(container, blobName);
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Delete, uri);
            request.Headers.TryAddWithoutValidation("x-ms-delete-snapshots", "include");
            return request;
        }, $"Delete '{container}/{blobName}'", HttpCompletionOption.ResponseContentRead, retry: true, cancellationToken).ConfigureAwait(false);
        return response.StatusCode switch
        {
            HttpStatusCode.Accepted => true,
            HttpStatusCode.NotFound => false,
            _ => throw await ErrorAsync(response, $"Delete '{container}/{blobName}'", cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>One page of blob names under <paramref name="prefix"/>, in name order.</summary>
    public async Task<BlobNamePage> ListBlobNamesPageAsync(string container, string? prefix = null, string? continuationToken = null,
        int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        BlobPaths.ValidateContainer(container);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 5000);
        var query = string.Create(CultureInfo.InvariantCulture, $"restype=container&comp=list&maxresults={pageSize}");
        if (!string.IsNullOrEmpty(prefix))
        {
            query += "&prefix=" + Uri.EscapeDataString(prefix);
        }

        if (!string.IsNullOrEmpty(continuationToken))
        {
            query += "&marker=" + Uri.EscapeDataString(continuationToken);
        }

        var uri = ContainerUri(container, query);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), $"List blobs in '{container}'",
            HttpCompletionOption.ResponseContentRead, retry: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw await ErrorAsync(response, $"List blobs in '{container}'", cancellationToken).ConfigureAwait(false);
        }

        var document = await LoadXmlAsync(response, cancellationToken).ConfigureAwait(false);
        var names = document.Root?.Element("Blobs")?.Elements("Blob")
            .Select(blob => blob.Element("Name"))
            .OfType<XElement>()
            .Select(name => (string?)name.Attribute("Encoded") == "true" ? Uri.UnescapeDataString(name.Value) : name.Value)
            .ToArray() ?? [];
        var next = document.Root?.Element("NextMarker")?.Value;
        return new BlobNamePage(names, string.IsNullOrEmpty(next) ? null : next);
    }

    /// <summary>Every blob name under <paramref name="prefix"/>, fetched page by page as the caller enumerates.</summary>
    public async IAsyncEnumerable<string> ListBlobNamesAsync(string container, string? prefix = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? continuationToken = null;
        do
        {
            var page = await ListBlobNamesPageAsync(container, prefix, continuationToken, 1000, cancellationToken).ConfigureAwait(false);
            foreach (var name in page.Names)
            {
                yield return name;
            }

            continuationToken = page.ContinuationToken;
        }
        while (continuationToken is not null);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>List Containers with maxresults=1 and no retries: the readiness probe.</summary>
    internal async Task ProbeAsync(CancellationToken cancellationToken)
    {
        var uri = new Uri($"{_baseUri}/?comp=list&maxresults=1");
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), "List containers",
            HttpCompletionOption.ResponseContentRead, retry: false, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw await ErrorAsync(response, "List containers", cancellationToken).ConfigureAwait(false);
        }
    }

    private Uri ContainerUri(string container, string query) => new($"{_baseUri}/{container}?{query}");

    private Uri BlobUri(string container, string blobName, string? query = null)
    {
        BlobPaths.ValidateContainer(container);
        BlobPaths.ValidateBlobName(blobName);
        var path = $"{_baseUri}/{container}/{BlobPaths.Escape(blobName)}";
        return new Uri(query is null ? path : $"{path}?{query}");
    }
}
