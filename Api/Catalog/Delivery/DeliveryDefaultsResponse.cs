using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Catalog.Delivery;

/// <summary>The tenant defaults; <c>built_in</c> is true (and version 0) until the tenant saves its own.</summary>
public sealed record DeliveryDefaultsResponse(
    [property: JsonPropertyName("defaults")] DeliveryConfigBody Defaults,
    [property: JsonPropertyName("built_in")] bool BuiltIn,
    [property: JsonPropertyName("version")] int Version);
