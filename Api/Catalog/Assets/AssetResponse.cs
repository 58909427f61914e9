using System.Text.Json.Serialization;
using DigitalDelivery.Core.Catalog.Assets;

namespace DigitalDelivery.Api.Catalog.Assets;

public sealed record AssetResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("product_id")] Guid ProductId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("file_id")] Guid FileId,
    [property: JsonPropertyName("current_version")] int CurrentVersion,
    [property: JsonPropertyName("max_downloads")] int? MaxDownloads,
    [property: JsonPropertyName("expires_after_days")] int? ExpiresAfterDays,
    [property: JsonPropertyName("notify_customer_on_expiry")] bool NotifyCustomerOnExpiry,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("version")] int Version)
{
    public static AssetResponse From(DigitalAsset a) => new(
        a.Id, a.ProductId, a.Name, a.CurrentFileId, a.CurrentVersion, a.MaxDownloads, a.ExpiresAfterDays, a.NotifyCustomerOnExpiry,
        a.CreatedAt, a.UpdatedAt, a.Version);
}
