using System.Text.Json.Serialization;
using DigitalDelivery.Core.Catalog.Files;

namespace DigitalDelivery.Api.Catalog.Files;

public sealed record FileResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("file_name")] string FileName,
    [property: JsonPropertyName("content_type")] string ContentType,
    [property: JsonPropertyName("size_bytes")] long SizeBytes,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("scan_detail")] string? ScanDetail,
    [property: JsonPropertyName("scanned_at")] DateTimeOffset? ScannedAt,
    [property: JsonPropertyName("uploaded_at")] DateTimeOffset UploadedAt,
    [property: JsonPropertyName("version")] int Version)
{
    public static FileResponse From(CatalogFile file) => new(
        file.Id, file.FileName, file.ContentType, file.SizeBytes, file.Sha256, file.Status, file.ScanDetail, file.ScannedAt, file.UploadedAt, file.Version);
}
