using System.Text.Json.Serialization;
using DigitalDelivery.Core.Messaging.Telemetry;

namespace DigitalDelivery.Api.Operations;

/// <summary>
/// One queue as counted when the request ran. <c>oldest_ready_at</c> is when the longest-waiting ready message became
/// due (null when none is ready) and <c>oldest_ready_age_seconds</c> how long it has waited since.
/// </summary>
public sealed record QueueStatusResponse(
    [property: JsonPropertyName("queue")] string Queue,
    [property: JsonPropertyName("ready")] long Ready,
    [property: JsonPropertyName("scheduled")] long Scheduled,
    [property: JsonPropertyName("in_flight")] long InFlight,
    [property: JsonPropertyName("dead_letters")] long DeadLetters,
    [property: JsonPropertyName("oldest_ready_at")] DateTimeOffset? OldestReadyAt,
    [property: JsonPropertyName("oldest_ready_age_seconds")] double OldestReadyAgeSeconds,
    [property: JsonPropertyName("measured_at")] DateTimeOffset MeasuredAt)
{
    public static QueueStatusResponse From(QueueStats s) =>
        new(s.Queue, s.Ready, s.Scheduled, s.InFlight, s.DeadLetters, s.OldestReadyAt, Math.Round(s.OldestReadyAge.TotalSeconds, 3), s.SampledAt);
}
