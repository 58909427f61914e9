using System.Threading.RateLimiting;
using DigitalDelivery.Api.Redis;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.Api.RateLimiting;

/// <summary>Makes the limiter of one partition (policy + key): Redis-backed with an in-process fallback.</summary>
public sealed class RateLimiterFactory(RedisAvailability redis, TimeProvider time, IOptions<RateLimitingOptions> options)
{
    public RateLimiter Create(string policy, string key, RateLimitRule rule) =>
        new DistributedFixedWindowRateLimiter($"{options.Value.KeyPrefix}{policy}:{key}", rule, redis, time);
}
