namespace DigitalDelivery.Api.RateLimiting;

/// <summary>Limits per policy (configuration section "RateLimiting").</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    public RateLimitRule TokenPerClient { get; set; } = new() { PermitLimit = 30 };
    public RateLimitRule SignInPerAccount { get; set; } = new() { PermitLimit = 10 };
    public RateLimitRule WritesPerClient { get; set; } = new() { PermitLimit = 300 };
    public RateLimitRule PublicPerIp { get; set; } = new() { PermitLimit = 120 };

    /// <summary>Prefix of the Redis keys holding the counters.</summary>
    public string KeyPrefix { get; set; } = "ratelimit:";

    public RateLimitRule For(string policy) => policy switch
    {
        RateLimitPolicies.TokenPerClient => TokenPerClient,
        RateLimitPolicies.SignInPerAccount => SignInPerAccount,
        RateLimitPolicies.WritesPerClient => WritesPerClient,
        RateLimitPolicies.PublicPerIp => PublicPerIp,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown rate limit policy."),
    };
}
