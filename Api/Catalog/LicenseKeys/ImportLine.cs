using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Catalog.LicenseKeys;

public sealed record ImportLine(
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("detail")] string Detail);
