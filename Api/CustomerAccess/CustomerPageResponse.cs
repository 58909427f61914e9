using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.CustomerAccess;

/// <summary>What the customer's page of an order shows.</summary>
public sealed record CustomerPageResponse(
    [property: JsonPropertyName("order")] CustomerOrderResponse Order,
    [property: JsonPropertyName("files")] IReadOnlyList<CustomerFileResponse> Files,
    [property: JsonPropertyName("license_keys")] IReadOnlyList<CustomerLicenseKeyResponse> LicenseKeys);
