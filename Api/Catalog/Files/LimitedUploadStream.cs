namespace DigitalDelivery.Api.Catalog.Files;

/// <summary>
/// The upload as Blob storage reads it: the already-sniffed head, then the rest of the request body, counting as
/// it goes and failing with <see cref="FileTooLargeException"/> the moment the count passes the limit, so an
/// oversized body is never read (let alone stored) further than one buffer past the limit. Read-only, forward-only.
/// </summary>
internal sealed class LimitedUploadStream(byte[] head, int headLength, Stream body, long limit) : Stream
{
    private int _headOffset;

    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_headOffset < headLength)
        {
            return Count(CopyHead(buffer));
        }

        return Count(body.Read(buffer));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_headOffset < headLength)
        {
            return Count(CopyHead(buffer.Span));
        }

        return Count(await body.ReadAsync(buffer, cancellationToken));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int CopyHead(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, headLength - _headOffset);
        head.AsSpan(_headOffset, count).CopyTo(buffer);
        _headOffset += count;
        return count;
    }

    private int Count(int read)
    {
        BytesRead += read;
        if (BytesRead > limit)
        {
            throw new FileTooLargeException($"The upload is larger than {limit} bytes.") { Limit = limit };
        }

        return read;
    }
}
