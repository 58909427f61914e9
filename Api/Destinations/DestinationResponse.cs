using System.Text.Json;
using System.Text.Json.Serialization;
using DigitalDelivery.Core.Deliveries.Destinations;

namespace DigitalDelivery.Api.Destinations;

/// <summary>A destination as the Api shows it: its settings, whether it has a credential, never the credential.</summary>
public sealed record DestinationResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("config")] JsonElement Config,
    [property: JsonPropertyName("has_secret")] bool HasSecret,
    [property: JsonPropertyName("previous_secret_expires_at")] DateTimeOffset? PreviousSecretExpiresAt,
    [property: JsonPropertyName("events")] string[] Events,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("max_attempts")] int? MaxAttempts,
    [property: JsonPropertyName("consecutive_failures")] int ConsecutiveFailures,
    [property: JsonPropertyName("breaker_state")] string BreakerState,
    [property: JsonPropertyName("breaker_open_until")] DateTimeOffset? BreakerOpenUntil,
    [property: JsonPropertyName("disabled_at")] DateTimeOffset? DisabledAt,
    [property: JsonPropertyName("disabled_by")] string? DisabledBy,
    [property: JsonPropertyName("disabled_reason")] string? DisabledReason,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("version")] int Version)
{
    public static DestinationResponse From(Destination d, DateTimeOffset now) => new(
        d.Id, d.Name, d.Type, JsonDocument.Parse(d.Config).RootElement.Clone(), d.ProtectedSecret is not null,
        d.PreviousSecretExpiresAt > now ? d.PreviousSecretExpiresAt : null, d.Events, d.Enabled, d.MaxAttempts, d.ConsecutiveFailures,
        BreakerStateOf(d, now), d.BreakerOpenUntil, d.DisabledAt, d.DisabledBy, d.DisabledReason, d.CreatedAt, d.UpdatedAt, d.Version);

    public static string BreakerStateOf(Destination d, DateTimeOffset now) =>
        d.BreakerOpenUntil switch { null => "closed", { } until when until > now => "open", _ => "half_open" };
}
