using System.Text.Json.Serialization;
using DigitalDelivery.Core.Deliveries.Handlers;

namespace DigitalDelivery.Api.Destinations;

/// <summary>What a real round trip to the destination came to: the peer's status where it has one, or what failed.</summary>
public sealed record ConnectionTestResponse(
    [property: JsonPropertyName("succeeded")] bool Succeeded,
    [property: JsonPropertyName("response_status")] int? ResponseStatus,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("duration_ms")] int DurationMs)
{
    public static ConnectionTestResponse From(DeliveryOutcome outcome) =>
        new(outcome.Succeeded, outcome.ResponseStatus, outcome.Error, (int)outcome.Duration.TotalMilliseconds);
}
