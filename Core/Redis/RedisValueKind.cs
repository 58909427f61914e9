using System.Diagnostics.CodeAnalysis;

namespace DigitalDelivery.Core.Redis;

/// <summary>The RESP2 reply types.</summary>
public enum RedisValueKind
{
    SimpleString,
    Error,
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The RESP specification's own name for the reply type.")]
    Integer,
    BulkString,
    Array,
}
