using System.Text.Json.Serialization;
using DigitalDelivery.Core.Deliveries.Health;

namespace DigitalDelivery.Api.Destinations;

/// <summary>A destination's attempts over the alert window (the last 15 minutes): what its status was judged on.</summary>
public sealed record DestinationWindowResponse(
    [property: JsonPropertyName("minutes")] int Minutes,
    [property: JsonPropertyName("attempts")] long Attempts,
    [property: JsonPropertyName("failures")] long Failures,
    [property: JsonPropertyName("failure_rate")] double? FailureRate,
    [property: JsonPropertyName("average_ms")] double? AverageMs,
    [property: JsonPropertyName("p95_ms")] double? P95Ms)
{
    public static DestinationWindowResponse From(DestinationWindowStats window) => new(
        (int)Core.Deliveries.Alerts.AlertPolicy.Window.TotalMinutes, window.Attempts, window.Failures, window.FailureRate, window.AverageMs, window.P95Ms);
}
