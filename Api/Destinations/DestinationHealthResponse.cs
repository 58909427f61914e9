using System.Text.Json.Serialization;
using DigitalDelivery.Core.Deliveries.Health;

namespace DigitalDelivery.Api.Destinations;

/// <summary>
/// A destination's health: its status (healthy, degraded, unhealthy, disabled), the breaker, the current run of
/// failures, its whole history's counts, and the recent window the status was judged on.
/// </summary>
public sealed record DestinationHealthResponse(
    [property: JsonPropertyName("destination_id")] Guid DestinationId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("breaker_state")] string BreakerState,
    [property: JsonPropertyName("breaker_open_until")] DateTimeOffset? BreakerOpenUntil,
    [property: JsonPropertyName("consecutive_failures")] int ConsecutiveFailures,
    [property: JsonPropertyName("failing_since")] DateTimeOffset? FailingSince,
    [property: JsonPropertyName("last_failure_at")] DateTimeOffset? LastFailureAt,
    [property: JsonPropertyName("last_success_at")] DateTimeOffset? LastSuccessAt,
    [property: JsonPropertyName("total_deliveries")] long? TotalDeliveries,
    [property: JsonPropertyName("total_attempts")] long? TotalAttempts,
    [property: JsonPropertyName("total_failures")] long? TotalFailures,
    [property: JsonPropertyName("disabled_at")] DateTimeOffset? DisabledAt,
    [property: JsonPropertyName("disabled_by")] string? DisabledBy,
    [property: JsonPropertyName("disabled_reason")] string? DisabledReason,
    [property: JsonPropertyName("window")] DestinationWindowResponse Window)
{
    /// <param name="withTotals">False for the list, which leaves the whole-history counts (null) to the single view.</param>
    public static DestinationHealthResponse From(DestinationHealth health, DateTimeOffset now, bool withTotals)
    {
        var d = health.Destination;
        var totals = withTotals ? health.Totals : null;
        return new(
            d.Id, d.Name, d.Type, health.Status, d.Enabled, DestinationResponse.BreakerStateOf(d, now), d.BreakerOpenUntil, d.ConsecutiveFailures,
            d.FailingSince, d.LastFailureAt, totals?.LastSuccessAt, totals?.Deliveries, totals?.Attempts, totals?.FailedAttempts,
            d.DisabledAt, d.DisabledBy, d.DisabledReason, DestinationWindowResponse.From(health.Window));
    }
}
