using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Catalog.Assets;

/// <summary>Attaching a file (POST: file_id required) or changing an asset's download rules (PUT: file_id ignored; replace files with a new version).</summary>
public sealed record AssetRequest(
    [property: JsonPropertyName("file_id")] Guid? FileId,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("max_downloads")] int? MaxDownloads,
    [property: JsonPropertyName("expires_after_days")] int? ExpiresAfterDays,
    [property: JsonPropertyName("notify_customer_on_expiry")] bool? NotifyCustomerOnExpiry);
