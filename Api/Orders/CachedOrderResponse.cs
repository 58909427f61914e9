using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Orders;

/// <summary>What the Redis fast path keeps per Idempotency-Key: the request's hash and the committed response.</summary>
public sealed record CachedOrderResponse(
    [property: JsonPropertyName("hash")] string RequestHash,
    [property: JsonPropertyName("status")] int StatusCode,
    [property: JsonPropertyName("order_id")] Guid OrderId,
    [property: JsonPropertyName("body")] string Body);
