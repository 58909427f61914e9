using System.Text.Json.Serialization;

namespace DigitalDelivery.Web.Api;

public sealed record CustomerPageOrder(
    [property: JsonPropertyName("number")] string Number,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("customer_name")] string CustomerName);
