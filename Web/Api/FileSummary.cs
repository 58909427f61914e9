using System.Globalization;
using System.Text.Json.Serialization;

namespace DigitalDelivery.Web.Api;

public sealed record FileSummary(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("file_name")] string FileName,
    [property: JsonPropertyName("content_type")] string ContentType,
    [property: JsonPropertyName("size_bytes")] long SizeBytes,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("uploaded_at")] DateTimeOffset UploadedAt)
{
    public string Size => SizeBytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{SizeBytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{SizeBytes / 1024.0:F1} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{SizeBytes / 1048576.0:F1} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{SizeBytes / 1073741824.0:F2} GiB"),
    };

    /// <summary>What the merchant should read: an infected file is quarantined, not just "infected".</summary>
    public string StatusText => Status switch
    {
        "infected" => "quarantined (infected)",
        "scan_failed" => "scan failed",
        "pending" => "scanning",
        _ => Status,
    };
}
