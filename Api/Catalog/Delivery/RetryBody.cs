using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Catalog.Delivery;

public sealed record RetryBody(
    [property: JsonPropertyName("max_attempts")] int? MaxAttempts,
    [property: JsonPropertyName("base_delay_seconds")] int? BaseDelaySeconds,
    [property: JsonPropertyName("max_delay_seconds")] int? MaxDelaySeconds);
