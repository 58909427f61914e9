using System.Text.Json.Serialization;
using DigitalDelivery.Core.Deliveries.Metrics;

namespace DigitalDelivery.Api.Deliveries.Metrics;

/// <summary>
/// Attempts of one group by outcome (succeeded; failed with the destination's answer; failed without one: timeout,
/// refused, DNS), how many were retries, the success rate and the attempt latency (mean and percentiles, ms).
/// </summary>
public sealed record DeliveryMetricsFiguresResponse(
    [property: JsonPropertyName("destination_id")] Guid? DestinationId,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("attempts")] long Attempts,
    [property: JsonPropertyName("succeeded")] long Succeeded,
    [property: JsonPropertyName("failed")] long Failed,
    [property: JsonPropertyName("failed_with_response")] long FailedWithResponse,
    [property: JsonPropertyName("failed_without_response")] long FailedWithoutResponse,
    [property: JsonPropertyName("retries")] long Retries,
    [property: JsonPropertyName("success_rate")] double? SuccessRate,
    [property: JsonPropertyName("latency_ms")] DeliveryLatencyResponse Latency)
{
    public static DeliveryMetricsFiguresResponse From(DeliveryMetricsRow row) => new(
        row.DestinationId, row.Type, row.Attempts, row.Succeeded, row.FailedWithResponse + row.FailedWithoutResponse, row.FailedWithResponse,
        row.FailedWithoutResponse, row.Retries, row.SuccessRate, new DeliveryLatencyResponse(row.AverageMs, row.P50Ms, row.P95Ms, row.P99Ms));
}
