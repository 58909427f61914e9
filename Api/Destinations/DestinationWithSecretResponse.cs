using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Destinations;

/// <summary>Creation and secret rotation: the signing secret, shown this once.</summary>
public sealed record DestinationWithSecretResponse(
    [property: JsonPropertyName("destination")] DestinationResponse Destination,
    [property: JsonPropertyName("signing_secret")] string SigningSecret);
