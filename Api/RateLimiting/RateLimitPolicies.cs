namespace DigitalDelivery.Api.RateLimiting;

/// <summary>Named rate limit policies for <c>.RequireRateLimiting(...)</c>.</summary>
public static class RateLimitPolicies
{
    /// <summary>The token endpoint, per client id (per IP when none is given).</summary>
    public const string TokenPerClient = "token-per-client";

    /// <summary>Portal sign-in, per account (email); lockout after 5 wrong passwords protects each account too.</summary>
    public const string SignInPerAccount = "sign-in-per-account";

    /// <summary>State-changing calls, per authenticated client or user; reads are not limited by it.</summary>
    public const string WritesPerClient = "writes-per-client";

    /// <summary>Anonymous public endpoints (downloads, payment webhooks), per client IP.</summary>
    public const string PublicPerIp = "public-per-ip";

    /// <summary>The customers' "resend my links": per client IP and per email address at once (both must allow it).</summary>
    public const string CustomerResend = "customer-resend";
}
