using System.Net;
using System.Security.Cryptography;

namespace DigitalDelivery.Tests.Catalog;

/// <summary>
/// Request content of any length generated on the fly from one reused 1 MiB buffer (each chunk stamped with its
/// index so no two are alike), hashing what it sends: a multi-hundred-MB upload without holding it in memory.
/// </summary>
internal sealed class GeneratedUploadContent : HttpContent
{
    private const int ChunkSize = 1024 * 1024;
    private readonly long _length;
    private readonly byte[] _chunk = RandomNumberGenerator.GetBytes(ChunkSize);
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public GeneratedUploadContent(long length)
    {
        _length = length;
        // A zip signature up front, so the sniffer has something to find.
        "PK\x03\x04"u8.CopyTo(_chunk);
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
    }

    public string? Sha256 { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        long sent = 0;
        for (var index = 0L; sent < _length; index++)
        {
            if (index > 0)
            {
                BitConverter.TryWriteBytes(_chunk.AsSpan(8, 8), index);
            }

            var count = (int)Math.Min(ChunkSize, _length - sent);
            _hash.AppendData(_chunk, 0, count);
            await stream.WriteAsync(_chunk.AsMemory(0, count), cancellationToken);
            sent += count;
        }

        Sha256 = Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
