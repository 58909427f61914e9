using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Catalog.LicenseKeys;

/// <summary>What an import added; duplicates are reported masked (never the key itself) with their line.</summary>
public sealed record ImportResponse(
    [property: JsonPropertyName("imported")] int Imported,
    [property: JsonPropertyName("duplicates")] IReadOnlyList<ImportLine> Duplicates,
    [property: JsonPropertyName("invalid")] IReadOnlyList<ImportLine> Invalid,
    [property: JsonPropertyName("counts")] LicenseKeyCountsResponse Counts);
