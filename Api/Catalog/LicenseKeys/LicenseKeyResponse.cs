using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Catalog.LicenseKeys;

/// <summary>A key as listed: masked to its last characters; the key itself is only ever given to the buyer it is assigned to.</summary>
public sealed record LicenseKeyResponse(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("masked")] string Masked,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("imported_at")] DateTimeOffset ImportedAt,
    [property: JsonPropertyName("assigned_at")] DateTimeOffset? AssignedAt,
    [property: JsonPropertyName("assigned_to")] string? AssignedTo);
