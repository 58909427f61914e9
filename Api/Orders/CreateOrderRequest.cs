using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Orders;

public sealed record CreateOrderRequest(
    [property: JsonPropertyName("customer_email")] string? CustomerEmail,
    [property: JsonPropertyName("customer_name")] string? CustomerName,
    [property: JsonPropertyName("lines")] IReadOnlyList<OrderLineRequest>? Lines);
