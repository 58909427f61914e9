using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Catalog.Assets;

public sealed record AssetVersionResponse(
    [property: JsonPropertyName("number")] int Number,
    [property: JsonPropertyName("file_id")] Guid FileId,
    [property: JsonPropertyName("file_name")] string FileName,
    [property: JsonPropertyName("file_status")] string FileStatus,
    [property: JsonPropertyName("note")] string? Note,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("current")] bool Current);
