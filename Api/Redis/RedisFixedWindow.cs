using StackExchange.Redis;

namespace DigitalDelivery.Api.Redis;

/// <summary>
/// The shared counter of a fixed window in Redis: one atomic Lua script increments the partition's key, starts
/// the window's expiry on the first hit, and returns the count and the time left, so every instance counts
/// against the same window. StackExchange.Redis sends the script once (EVAL, and SCRIPT LOAD beside it) and only its
/// hash (EVALSHA) after that, sending it again when a restarted Redis has forgotten it.
/// </summary>
internal static class RedisFixedWindow
{
    private const string Script = """
        local count = redis.call('INCR', KEYS[1])
        local ttl = redis.call('PTTL', KEYS[1])
        if count == 1 or ttl < 0 then
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            ttl = tonumber(ARGV[1])
        end
        return {count, ttl}
        """;

    public static async Task<(long Count, TimeSpan WindowLeft)> HitAsync(IDatabase redis, string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var reply = await redis.ScriptEvaluateAsync(Script, [key], [(long)window.TotalMilliseconds]).WaitAsync(cancellationToken);
        return reply.Resp2Type == ResultType.Array && reply.Length == 2
            ? ((long)reply[0], TimeSpan.FromMilliseconds(Math.Max((long)reply[1], 0)))
            : throw new RedisException("The rate limit script did not return a count and a time to live.");
    }
}
