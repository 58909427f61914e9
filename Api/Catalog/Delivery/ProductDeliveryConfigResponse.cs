using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Catalog.Delivery;

/// <summary>A product's overrides and the effective configuration they produce over the tenant defaults.</summary>
public sealed record ProductDeliveryConfigResponse(
    [property: JsonPropertyName("product_id")] Guid ProductId,
    [property: JsonPropertyName("overrides")] DeliveryConfigBody Overrides,
    [property: JsonPropertyName("effective")] DeliveryConfigBody Effective,
    [property: JsonPropertyName("version")] int Version);
