using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Catalog.LicenseKeys;

public sealed record PoolSettingsRequest([property: JsonPropertyName("low_stock_threshold")] int? LowStockThreshold);
