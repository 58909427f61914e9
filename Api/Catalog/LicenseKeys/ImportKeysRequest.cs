using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Catalog.LicenseKeys;

public sealed record ImportKeysRequest([property: JsonPropertyName("keys")] string?[]? Keys);
