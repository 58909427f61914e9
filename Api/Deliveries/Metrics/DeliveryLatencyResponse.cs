using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Deliveries.Metrics;

/// <summary>Attempt durations in milliseconds; null without attempts.</summary>
public sealed record DeliveryLatencyResponse(
    [property: JsonPropertyName("average")] double? Average,
    [property: JsonPropertyName("p50")] double? P50,
    [property: JsonPropertyName("p95")] double? P95,
    [property: JsonPropertyName("p99")] double? P99);
