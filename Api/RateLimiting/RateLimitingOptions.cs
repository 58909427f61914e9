namespace DigitalDelivery.Api.RateLimiting;

/// <summary>Limits per policy (configuration section "RateLimiting").</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>The per-IP half of <see cref="RateLimitPolicies.CustomerResend"/> (its own Redis counters).</summary>
    public const string ResendPerIpPolicy = RateLimitPolicies.CustomerResend + "-ip";

    public RateLimitRule TokenPerClient { get; set; } = new() { PermitLimit = 30 };
    public RateLimitRule SignInPerAccount { get; set; } = new() { PermitLimit = 10 };
    public RateLimitRule WritesPerClient { get; set; } = new() { PermitLimit = 300 };
    public RateLimitRule PublicPerIp { get; set; } = new() { PermitLimit = 120 };
    public RateLimitRule ResendPerIp { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(15) };
    public RateLimitRule ResendPerAddress { get; set; } = new() { PermitLimit = 3, Window = TimeSpan.FromMinutes(15) };

    /// <summary>Prefix of the Redis keys holding the counters.</summary>
    public string KeyPrefix { get; set; } = "ratelimit:";

    public RateLimitRule For(string policy) => policy switch
    {
        RateLimitPolicies.TokenPerClient => TokenPerClient,
        RateLimitPolicies.SignInPerAccount => SignInPerAccount,
        RateLimitPolicies.WritesPerClient => WritesPerClient,
        RateLimitPolicies.PublicPerIp => PublicPerIp,
        ResendPerIpPolicy => ResendPerIp,
        RateLimitPolicies.CustomerResend => ResendPerAddress,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown rate limit policy."),
    };
}
