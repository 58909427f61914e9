using System.Threading.RateLimiting;

namespace DigitalDelivery.Api.RateLimiting;

/// <summary>Makes the limiter of one partition (policy + key). In-process fixed windows for now.</summary>
public sealed class RateLimiterFactory
{
    public RateLimiter Create(string policy, string key, RateLimitRule rule) =>
        new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = rule.PermitLimit,
            Window = rule.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}
