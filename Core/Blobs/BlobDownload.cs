using System.Net;

namespace DigitalDelivery.Core.Blobs;

/// <summary>
/// An open download: <see cref="Content"/> streams straight from the storage response (nothing is buffered), so an
/// endpoint can copy it to its own response, answering 206 with <see cref="ContentRange"/> for a ranged request.
/// Dispose it to release the connection.
/// </summary>
public sealed class BlobDownload : IAsyncDisposable, IDisposable
{
    private readonly HttpResponseMessage _response;

    internal BlobDownload(HttpResponseMessage response, Stream content, string eTag)
    {
        _response = response;
        Content = content;
        ETag = eTag;
        var headers = response.Content.Headers;
        ContentLength = headers.ContentLength ?? -1;
        ContentType = headers.ContentType?.ToString();
        LastModified = headers.LastModified ?? DateTimeOffset.MinValue;
        ContentRange = headers.ContentRange?.ToString();
        TotalLength = headers.ContentRange?.Length ?? ContentLength;
    }

    /// <summary>200 for the whole blob, 206 for a range.</summary>
    public HttpStatusCode StatusCode => _response.StatusCode;

    public bool IsPartial => StatusCode == HttpStatusCode.PartialContent;

    public Stream Content { get; }

    /// <summary>Bytes in this response (the range's length for a ranged download).</summary>
    public long ContentLength { get; }

    /// <summary>Size of the whole blob.</summary>
    public long TotalLength { get; }

    /// <summary>The Content-Range of a ranged download, e.g. <c>bytes 0-99/1234</c>; null otherwise.</summary>
    public string? ContentRange { get; }

    public string? ContentType { get; }

    public string ETag { get; }

    public DateTimeOffset LastModified { get; }

    public void Dispose()
    {
        Content.Dispose();
        _response.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
    }
}
