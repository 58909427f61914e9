namespace DigitalDelivery.Tests.Scanning;

/// <summary>
/// A read-only, non-seekable stream of deterministic pseudo-random bytes, produced as it is read so that tests
/// can scan tens of megabytes without holding them; optionally with <c>insert</c> spliced in at an offset.
/// It records the largest single read it was asked for, to show the reader works in bounded chunks.
/// </summary>
internal sealed class GeneratedStream(long length, byte[]? insert = null, long insertAt = 0, Action<long>? onRead = null) : Stream
{
    private readonly byte[] _insert = insert ?? [];
    private ulong _state = 0x9E3779B97F4A7C15;
    private long _position;

    public int LargestReadRequested { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        LargestReadRequested = Math.Max(LargestReadRequested, buffer.Length);
        var count = (int)Math.Min(buffer.Length, length - _position);
        for (var i = 0; i < count; i++, _position++)
        {
            var inInsert = _position - insertAt;
            buffer[i] = inInsert >= 0 && inInsert < _insert.Length ? _insert[inInsert] : NextByte();
        }

        onRead?.Invoke(_position);
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    // xorshift64: fast, and random-looking enough that clamd sees arbitrary binary content.
    private byte NextByte()
    {
        _state ^= _state << 13;
        _state ^= _state >> 7;
        _state ^= _state << 17;
        return (byte)_state;
    }
}
