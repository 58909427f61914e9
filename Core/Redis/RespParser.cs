using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace DigitalDelivery.Core.Redis;

/// <summary>
/// Parses RESP2 replies from a network buffer. <see cref="TryParse"/> consumes nothing unless a whole reply is
/// present, so the reader loop can simply wait for more bytes and try again.
/// </summary>
internal static class RespParser
{
    private const int MaxDepth = 64;
    private const int MaxLineLength = 64 * 1024;

    private static ReadOnlySpan<byte> CrLf => "\r\n"u8;

    public static bool TryParse(ref ReadOnlySequence<byte> buffer, out RedisValue value)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (TryRead(ref reader, 0, out value))
        {
            buffer = buffer.Slice(reader.Position);
            return true;
        }

        if (buffer.Length > MaxLineLength && buffer.PositionOf((byte)'\n') is null)
        {
            throw Protocol("a reply line is longer than 64 KiB");
        }

        return false;
    }

    private static bool TryRead(ref SequenceReader<byte> reader, int depth, out RedisValue value)
    {
        value = null!;
        if (!reader.TryRead(out var prefix) || !reader.TryReadTo(out ReadOnlySequence<byte> line, CrLf))
        {
            return false;
        }

        switch (prefix)
        {
            case (byte)'+':
                value = RedisValue.SimpleString(Encoding.UTF8.GetString(line));
                return true;
            case (byte)'-':
                value = RedisValue.Error(Encoding.UTF8.GetString(line));
                return true;
            case (byte)':':
                value = RedisValue.Integer(ParseInteger(line));
                return true;
            case (byte)'$':
                return TryReadBulk(ref reader, ParseInteger(line), out value);
            case (byte)'*':
                return TryReadArray(ref reader, ParseInteger(line), depth, out value);
            default:
                throw Protocol($"unexpected reply type byte 0x{prefix:X2}");
        }
    }

    private static bool TryReadBulk(ref SequenceReader<byte> reader, long length, out RedisValue value)
    {
        value = null!;
        if (length == -1)
        {
            value = RedisValue.NullBulkString;
            return true;
        }

        if (length is < 0 or > int.MaxValue - 2)
        {
            throw Protocol($"invalid bulk string length {length}");
        }

        if (reader.Remaining < length + 2)
        {
            return false;
        }

        var bytes = new byte[length];
        reader.TryCopyTo(bytes);
        reader.Advance(length);
        if (!reader.IsNext(CrLf, advancePast: true))
        {
            throw Protocol("a bulk string is not terminated by CRLF");
        }

        value = RedisValue.BulkString(bytes);
        return true;
    }

    private static bool TryReadArray(ref SequenceReader<byte> reader, long count, int depth, out RedisValue value)
    {
        value = null!;
        if (count == -1)
        {
            value = RedisValue.NullArray;
            return true;
        }

        if (count < 0 || depth >= MaxDepth)
        {
            throw Protocol(count < 0 ? $"invalid array length {count}" : "arrays nested too deeply");
        }

        // Every element takes at least 3 bytes (":0\r\n" is 4); waiting for them first keeps a bogus length from
        // allocating a huge array before the data exists.
        if (reader.Remaining < count * 3)
        {
            return false;
        }

        var items = new RedisValue[count];
        for (var i = 0; i < items.Length; i++)
        {
            if (!TryRead(ref reader, depth + 1, out items[i]))
            {
                return false;
            }
        }

        value = RedisValue.Array(items);
        return true;
    }

    private static long ParseInteger(ReadOnlySequence<byte> line)
    {
        Span<byte> digits = stackalloc byte[24];
        if (line.Length is 0 or > 24)
        {
            throw Protocol("an integer field is empty or too long");
        }

        line.CopyTo(digits);
        digits = digits[..(int)line.Length];
        return Utf8Parser.TryParse(digits, out long value, out var consumed) && consumed == digits.Length
            ? value
            : throw Protocol("an integer field is not a number");
    }

    private static RedisConnectionException Protocol(string problem) =>
        new($"Redis sent a malformed reply ({problem}); the connection is closed.");
}
