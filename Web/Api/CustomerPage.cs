using System.Text.Json.Serialization;

namespace DigitalDelivery.Web.Api;

/// <summary>The Api's customer page of an order (GET /api/v1/my/{token}).</summary>
public sealed record CustomerPage(
    [property: JsonPropertyName("order")] CustomerPageOrder Order,
    [property: JsonPropertyName("files")] IReadOnlyList<CustomerPageFile> Files,
    [property: JsonPropertyName("license_keys")] IReadOnlyList<CustomerPageKey> LicenseKeys);
