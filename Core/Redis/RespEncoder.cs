using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace DigitalDelivery.Core.Redis;

/// <summary>
/// Encodes a command as a RESP2 array of bulk strings. Runs on the caller's thread, so argument errors surface to
/// the caller and the single writer loop only copies finished bytes.
/// </summary>
internal static class RespEncoder
{
    private static ReadOnlySpan<byte> CrLf => "\r\n"u8;

    public static ReadOnlyMemory<byte> Encode(string command, IReadOnlyList<object> arguments)
    {
        var writer = new ArrayBufferWriter<byte>(32 + (16 * arguments.Count));
        WritePrefixed(writer, (byte)'*', arguments.Count + 1);
        WriteString(writer, command);
        for (var i = 0; i < arguments.Count; i++)
        {
            WriteArgument(writer, arguments[i], i);
        }

        return writer.WrittenMemory;
    }

    private static void WriteArgument(ArrayBufferWriter<byte> writer, object? argument, int index)
    {
        switch (argument)
        {
            case string text:
                WriteString(writer, text);
                break;
            case byte[] bytes:
                WriteBytes(writer, bytes);
                break;
            case ReadOnlyMemory<byte> memory:
                WriteBytes(writer, memory.Span);
                break;
            case double number:
                WriteFloatingPoint(writer, number, index);
                break;
            case float number:
                WriteFloatingPoint(writer, number, index);
                break;
            case int or long or short or byte or sbyte or ushort or uint or ulong or decimal:
                WriteNumber(writer, (IUtf8SpanFormattable)argument);
                break;
            case null:
                throw new ArgumentException($"Redis argument {index} is null; Redis has no null argument.", nameof(argument));
            default:
                throw new ArgumentException(
                    $"Redis argument {index} is a {argument.GetType().Name}; use a string, byte array or number.", nameof(argument));
        }
    }

    private static void WriteFloatingPoint(ArrayBufferWriter<byte> writer, double number, int index)
    {
        if (double.IsNaN(number))
        {
            throw new ArgumentException($"Redis argument {index} is NaN, which Redis does not accept.", nameof(number));
        }

        if (double.IsInfinity(number))
        {
            WriteBytes(writer, number > 0 ? "+inf"u8 : "-inf"u8);
            return;
        }

        WriteNumber(writer, number);
    }

    private static void WriteNumber(ArrayBufferWriter<byte> writer, IUtf8SpanFormattable number)
    {
        Span<byte> digits = stackalloc byte[64];
        if (!number.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture))
        {
            throw new ArgumentException("A numeric Redis argument is too long to format.", nameof(number));
        }

        WriteBytes(writer, digits[..written]);
    }

    private static void WriteString(ArrayBufferWriter<byte> writer, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        WritePrefixed(writer, (byte)'$', length);
        Encoding.UTF8.GetBytes(text, writer.GetSpan(length));
        writer.Advance(length);
        writer.Write(CrLf);
    }

    private static void WriteBytes(ArrayBufferWriter<byte> writer, ReadOnlySpan<byte> bytes)
    {
        WritePrefixed(writer, (byte)'$', bytes.Length);
        writer.Write(bytes);
        writer.Write(CrLf);
    }

    private static void WritePrefixed(ArrayBufferWriter<byte> writer, byte prefix, int value)
    {
        var span = writer.GetSpan(16);
        span[0] = prefix;
        Utf8Formatter.TryFormat(value, span[1..], out var written);
        CrLf.CopyTo(span[(1 + written)..]);
        writer.Advance(written + 3);
    }
}
