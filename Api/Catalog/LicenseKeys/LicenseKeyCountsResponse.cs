using System.Text.Json.Serialization;
using DigitalDelivery.Core.Catalog.LicenseKeys;

namespace DigitalDelivery.Api.Catalog.LicenseKeys;

public sealed record LicenseKeyCountsResponse(
    [property: JsonPropertyName("available")] int Available,
    [property: JsonPropertyName("assigned")] int Assigned,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("low_stock_threshold")] int? LowStockThreshold,
    [property: JsonPropertyName("low_stock")] bool LowStock,
    [property: JsonPropertyName("version")] int Version)
{
    public static LicenseKeyCountsResponse From(LicenseKeyCounts c, int version) =>
        new(c.Available, c.Assigned, c.Total, c.LowStockThreshold, c.LowStock, version);
}
