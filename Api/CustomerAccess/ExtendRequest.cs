using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.CustomerAccess;

/// <summary>Either a new expiry or a number of days added to the current one (or to now, when it has passed).</summary>
public sealed record ExtendRequest(
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("days")] int? Days);
