using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Destinations;

/// <summary>Creation and secret rotation: a webhook's signing secret, shown this once (absent for other types).</summary>
public sealed record DestinationWithSecretResponse(
    [property: JsonPropertyName("destination")] DestinationResponse Destination,
    [property: JsonPropertyName("signing_secret"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SigningSecret);
