using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.CustomerAccess;

public sealed record CustomerLicenseKeyResponse(
    [property: JsonPropertyName("product_name")] string ProductName,
    [property: JsonPropertyName("key")] string Key);
