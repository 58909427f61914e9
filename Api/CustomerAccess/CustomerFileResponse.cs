using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.CustomerAccess;

/// <summary>
/// One purchased file on the customer's page. <see cref="DownloadsLeft"/> null is unlimited; <see cref="State"/> is
/// one of the AccessStates; <see cref="FileName"/> and <see cref="SizeBytes"/> are null while the file cannot be served.
/// </summary>
public sealed record CustomerFileResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("asset_name")] string AssetName,
    [property: JsonPropertyName("file_name")] string? FileName,
    [property: JsonPropertyName("size_bytes")] long? SizeBytes,
    [property: JsonPropertyName("downloads_left")] int? DownloadsLeft,
    [property: JsonPropertyName("max_downloads")] int? MaxDownloads,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("state")] string State);
