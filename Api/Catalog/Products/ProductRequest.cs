using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Catalog.Products;

/// <summary>
/// A product's fields. POST and PUT need sku, name, type, price_minor and currency (PUT replaces everything, so an
/// omitted description or stock_limit is cleared); PATCH changes only the fields present.
/// </summary>
public sealed record ProductRequest(
    [property: JsonPropertyName("sku")] string? Sku,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("price_minor")] long? PriceMinor,
    [property: JsonPropertyName("currency")] string? Currency,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("stock_limit")] int? StockLimit,
    [property: JsonPropertyName("asset_update_policy")] string? AssetUpdatePolicy);
