using System.Globalization;
using System.Text;

namespace DigitalDelivery.Core.Redis;

/// <summary>
/// One RESP2 reply: a simple string, an error, an integer, a bulk string (binary, possibly null) or an array of
/// replies (possibly null). Top-level error replies are raised as <see cref="RedisServerException"/> by the client;
/// errors nested inside arrays (for example in a script's result) stay values.
/// </summary>
public sealed class RedisValue
{
    private readonly object? _payload;
    private readonly long _integer;

    private RedisValue(RedisValueKind kind, object? payload, long integer)
    {
        Kind = kind;
        _payload = payload;
        _integer = integer;
    }

    /// <summary>The null bulk string (<c>$-1</c>), e.g. GET of a missing key.</summary>
    public static RedisValue NullBulkString { get; } = new(RedisValueKind.BulkString, null, 0);

    /// <summary>The null array (<c>*-1</c>).</summary>
    public static RedisValue NullArray { get; } = new(RedisValueKind.Array, null, 0);

    public RedisValueKind Kind { get; }

    public bool IsNull => _payload is null && Kind is RedisValueKind.BulkString or RedisValueKind.Array;

    public bool IsError => Kind == RedisValueKind.Error;

    /// <summary>The elements of an array reply; null for the null array.</summary>
    public IReadOnlyList<RedisValue>? Items => Kind == RedisValueKind.Array
        ? (RedisValue[]?)_payload
        : throw new InvalidOperationException($"A {Kind} reply is not an array.");

    internal static RedisValue SimpleString(string value) => new(RedisValueKind.SimpleString, value, 0);

    internal static RedisValue Error(string message) => new(RedisValueKind.Error, message, 0);

    internal static RedisValue Integer(long value) => new(RedisValueKind.Integer, null, value);

    internal static RedisValue BulkString(byte[] value) => new(RedisValueKind.BulkString, value, 0);

    internal static RedisValue Array(RedisValue[] items) => new(RedisValueKind.Array, items, 0);

    /// <summary>The reply as text (bulk strings are decoded as UTF-8); null for a null reply.</summary>
    public string? AsString() => Kind switch
    {
        RedisValueKind.SimpleString or RedisValueKind.Error => (string)_payload!,
        RedisValueKind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        RedisValueKind.BulkString => _payload is byte[] bytes ? Encoding.UTF8.GetString(bytes) : null,
        _ => throw new InvalidCastException("An array reply is not a string."),
    };

    /// <summary>The raw bytes of a bulk string (or the UTF-8 of a simple string); null for a null reply.</summary>
    public byte[]? AsBytes() => Kind switch
    {
        RedisValueKind.BulkString => (byte[]?)_payload,
        RedisValueKind.SimpleString or RedisValueKind.Error => Encoding.UTF8.GetBytes((string)_payload!),
        RedisValueKind.Integer => Encoding.ASCII.GetBytes(_integer.ToString(CultureInfo.InvariantCulture)),
        _ => throw new InvalidCastException("An array reply is not a byte string."),
    };

    /// <summary>An integer reply, or a string reply that holds an integer (as GET of an INCR'd key returns).</summary>
    public long AsInt64()
    {
        if (Kind == RedisValueKind.Integer)
        {
            return _integer;
        }

        var text = Kind is RedisValueKind.BulkString or RedisValueKind.SimpleString ? AsString() : null;
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidCastException($"The {Kind} reply is not an integer.");
    }

    /// <summary>Like <see cref="AsInt64"/>, but null for a null reply.</summary>
    public long? AsNullableInt64() => IsNull ? null : AsInt64();

    public override string ToString() => Kind switch
    {
        _ when IsNull => "(nil)",
        RedisValueKind.Array => $"[{string.Join(", ", Items!)}]",
        RedisValueKind.Error => $"(error) {_payload}",
        RedisValueKind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        _ => AsString()!,
    };
}
