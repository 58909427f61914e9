using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.CustomerAccess;

public sealed record CustomerOrderResponse(
    [property: JsonPropertyName("number")] string Number,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("customer_name")] string CustomerName);
