using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Catalog.Assets;

public sealed record NewVersionRequest(
    [property: JsonPropertyName("file_id")] Guid? FileId,
    [property: JsonPropertyName("note")] string? Note);
