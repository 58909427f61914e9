using System.Text.Json.Serialization;
using DigitalDelivery.Core.Deliveries.Destinations;

namespace DigitalDelivery.Api.Destinations;

/// <summary>A destination as the Api shows it: never its secret.</summary>
public sealed record DestinationResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("events")] string[] Events,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("max_attempts")] int? MaxAttempts,
    [property: JsonPropertyName("consecutive_failures")] int ConsecutiveFailures,
    [property: JsonPropertyName("breaker_open_until")] DateTimeOffset? BreakerOpenUntil,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("version")] int Version)
{
    public static DestinationResponse From(Destination d) => new(
        d.Id, d.Name, d.Type, d.Url, d.Events, d.Enabled, d.MaxAttempts, d.ConsecutiveFailures, d.BreakerOpenUntil, d.CreatedAt, d.UpdatedAt, d.Version);
}
