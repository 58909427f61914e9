using System.Text.Json.Serialization;

namespace DigitalDelivery.Web.Orders;

public sealed record FulfillmentSummary(
    [property: JsonPropertyName("order_status")] string OrderStatus,
    [property: JsonPropertyName("tasks")] IReadOnlyList<FulfillmentTaskSummary> Tasks);
