using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.CustomerAccess;

public sealed record RevokeRequest([property: JsonPropertyName("reason")] string? Reason);
