namespace DigitalDelivery.Api.RateLimiting;

/// <summary>
/// Endpoint metadata: read the form before rate limiting, because the limiter's partitioner is synchronous and
/// needs client_id from the body (client_secret_post).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BufferFormForRateLimitingAttribute : Attribute;
