namespace DigitalDelivery.Api.RateLimiting;

/// <summary>
/// Endpoint metadata: the rate limit partition comes from a field of the request body (form or JSON), which
/// <see cref="RateLimitKeyMiddleware"/> reads before the limiter runs, because partitioners are synchronous.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RateLimitKeyFromBodyAttribute(string field) : Attribute
{
    public string Field { get; } = field;
}
