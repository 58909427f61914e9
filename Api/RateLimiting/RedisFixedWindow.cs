using DigitalDelivery.Core.Redis;

namespace DigitalDelivery.Api.RateLimiting;

/// <summary>
/// The shared counter of a fixed window in Redis: one atomic Lua script increments the partition's key, starts
/// the window's expiry on the first hit, and returns the count and the time left, so every instance counts
/// against the same window.
/// </summary>
internal static class RedisFixedWindow
{
    private static readonly RedisScript Script = new("""
        local count = redis.call('INCR', KEYS[1])
        local ttl = redis.call('PTTL', KEYS[1])
        if count == 1 or ttl < 0 then
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            ttl = tonumber(ARGV[1])
        end
        return {count, ttl}
        """);

    public static async Task<(long Count, TimeSpan WindowLeft)> HitAsync(RedisClient redis, string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var reply = await redis.EvaluateAsync(Script, [key], [(long)window.TotalMilliseconds], cancellationToken);
        var items = reply.Items ?? throw new RedisException("The rate limit script returned no array.");
        return (items[0].AsInt64(), TimeSpan.FromMilliseconds(Math.Max(items[1].AsInt64(), 0)));
    }
}
