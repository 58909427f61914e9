namespace DigitalDelivery.Core.Redis;

/// <summary>
/// Base of every failure the Redis client reports, so a caller that only wants "Redis did not work" catches one type.
/// Messages never contain the password or command arguments.
/// </summary>
public class RedisException : Exception
{
    public RedisException()
    {
    }

    public RedisException(string message)
        : base(message)
    {
    }

    public RedisException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
