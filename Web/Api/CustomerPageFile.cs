using System.Globalization;
using System.Text.Json.Serialization;

namespace DigitalDelivery.Web.Api;

public sealed record CustomerPageFile(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("asset_name")] string AssetName,
    [property: JsonPropertyName("file_name")] string? FileName,
    [property: JsonPropertyName("size_bytes")] long? SizeBytes,
    [property: JsonPropertyName("downloads_left")] int? DownloadsLeft,
    [property: JsonPropertyName("max_downloads")] int? MaxDownloads,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("state")] string State)
{
    public bool IsAvailable => State == "available";

    public string DownloadsLeftText => DownloadsLeft switch
    {
        null => "unlimited",
        var left => string.Create(CultureInfo.InvariantCulture, $"{left} of {MaxDownloads}"),
    };

    public string ExpiresText => ExpiresAt is { } at ? at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "never";

    public string Size => SizeBytes switch
    {
        null => string.Empty,
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{SizeBytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{SizeBytes / 1024.0:F1} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{SizeBytes / 1048576.0:F1} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{SizeBytes / 1073741824.0:F2} GiB"),
    };

    /// <summary>What the customer should read about a file they cannot download.</summary>
    public string StateText => State switch
    {
        "available" => "available",
        "revoked" => "access withdrawn by the seller",
        "expired" => "access has ended",
        "limit-reached" => "no downloads left",
        _ => "temporarily unavailable",
    };
}
