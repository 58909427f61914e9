using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.CustomerAccess;

public sealed record ResendRequest([property: JsonPropertyName("email")] string? Email);
