using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Orders;

/// <summary>An order's fulfillment: its status and the tasks Worker runs for it.</summary>
public sealed record OrderFulfillmentResponse(
    [property: JsonPropertyName("order_id")] Guid OrderId,
    [property: JsonPropertyName("order_status")] string OrderStatus,
    [property: JsonPropertyName("tasks")] IReadOnlyList<FulfillmentTaskResponse> Tasks);
