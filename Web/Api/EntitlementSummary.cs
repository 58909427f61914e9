using System.Globalization;
using System.Text.Json.Serialization;

namespace DigitalDelivery.Web.Api;

/// <summary>An entitlement as the admin portal shows it (GET /api/v1/orders/{id}/entitlements).</summary>
public sealed record EntitlementSummary(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("asset_name")] string AssetName,
    [property: JsonPropertyName("file_name")] string? FileName,
    [property: JsonPropertyName("customer_email")] string CustomerEmail,
    [property: JsonPropertyName("max_downloads")] int? MaxDownloads,
    [property: JsonPropertyName("downloads_used")] int DownloadsUsed,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("revoked_reason")] string? RevokedReason,
    [property: JsonPropertyName("state")] string State)
{
    public string DownloadsText => MaxDownloads is { } max
        ? string.Create(CultureInfo.InvariantCulture, $"{DownloadsUsed} of {max}")
        : string.Create(CultureInfo.InvariantCulture, $"{DownloadsUsed} (unlimited)");

    public string ExpiresText => ExpiresAt is { } at ? at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "never";

    public bool IsRevoked => State == "revoked";
}
