namespace DigitalDelivery.Core.Redis;

/// <summary>No usable connection to Redis: unreachable, refused, TLS or authentication failure, or the connection broke.</summary>
public sealed class RedisConnectionException : RedisException
{
    public RedisConnectionException()
    {
    }

    public RedisConnectionException(string message)
        : base(message)
    {
    }

    public RedisConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
