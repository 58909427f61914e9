using System.Text.Json.Serialization;

namespace DigitalDelivery.Web.Api;

public sealed record CustomerPageKey(
    [property: JsonPropertyName("product_name")] string ProductName,
    [property: JsonPropertyName("key")] string Key);
