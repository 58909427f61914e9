using System.Text.Json.Serialization;
using DigitalDelivery.Core.Catalog.Products;

namespace DigitalDelivery.Api.Catalog.Products;

public sealed record ProductResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("sku")] string Sku,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("price_minor")] long PriceMinor,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("currency_minor_units")] int CurrencyMinorUnits,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("stock_limit")] int? StockLimit,
    [property: JsonPropertyName("asset_update_policy")] string AssetUpdatePolicy,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("version")] int Version)
{
    public static ProductResponse From(Product p) => new(
        p.Id, p.Sku, p.Name, p.Description, p.Type, p.PriceMinor, p.Currency,
        Iso4217.IsKnown(p.Currency) ? Iso4217.MinorUnits(p.Currency) : 2,
        p.Status, p.StockLimit, p.AssetUpdatePolicy, p.CreatedAt, p.UpdatedAt, p.Version);
}
