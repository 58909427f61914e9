using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.CustomerAccess;

/// <summary>An entitlement as operators see it (downloads:admin).</summary>
public sealed record EntitlementResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("order_id")] Guid OrderId,
    [property: JsonPropertyName("order_line_id")] Guid OrderLineId,
    [property: JsonPropertyName("product_id")] Guid ProductId,
    [property: JsonPropertyName("asset_id")] Guid AssetId,
    [property: JsonPropertyName("asset_name")] string AssetName,
    [property: JsonPropertyName("asset_version")] int AssetVersion,
    [property: JsonPropertyName("file_name")] string? FileName,
    [property: JsonPropertyName("customer_email")] string CustomerEmail,
    [property: JsonPropertyName("max_downloads")] int? MaxDownloads,
    [property: JsonPropertyName("downloads_used")] int DownloadsUsed,
    [property: JsonPropertyName("downloads_left")] int? DownloadsLeft,
    [property: JsonPropertyName("granted_at")] DateTimeOffset GrantedAt,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("last_downloaded_at")] DateTimeOffset? LastDownloadedAt,
    [property: JsonPropertyName("revoked_at")] DateTimeOffset? RevokedAt,
    [property: JsonPropertyName("revoked_reason")] string? RevokedReason,
    [property: JsonPropertyName("notify_customer_on_expiry")] bool NotifyCustomerOnExpiry,
    [property: JsonPropertyName("expiry_notice_sent_at")] DateTimeOffset? ExpiryNoticeSentAt,
    [property: JsonPropertyName("state")] string State)
{
    public static EntitlementResponse From(EntitlementView view)
    {
        var a = view.Access;
        return new(a.Id, a.OrderId, a.OrderLineId, a.ProductId, a.AssetId, view.AssetName, a.AssetVersion, view.File?.FileName,
            a.CustomerEmail, a.MaxDownloads, a.DownloadsUsed, a.DownloadsLeft, a.GrantedAt, a.ExpiresAt, a.LastDownloadedAt,
            a.RevokedAt, a.RevokedReason, a.NotifyCustomerOnExpiry, a.ExpiryNoticeSentAt, view.State);
    }
}
