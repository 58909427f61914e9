using System.Text.Json.Serialization;
using DigitalDelivery.Core.Orders;

namespace DigitalDelivery.Api.Orders;

public sealed record OrderResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("customer_email")] string CustomerEmail,
    [property: JsonPropertyName("customer_name")] string CustomerName,
    [property: JsonPropertyName("total_minor")] long TotalMinor,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("reservation_expires_at")] DateTimeOffset? ReservationExpiresAt,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("lines")] IReadOnlyList<OrderLineResponse> Lines,
    [property: JsonPropertyName("timeline")] IReadOnlyList<OrderTransitionResponse>? Timeline)
{
    public static OrderResponse From(Order order, bool withTimeline) => new(
        order.Id,
        order.Status,
        order.CustomerEmail,
        order.CustomerName,
        order.TotalMinor,
        order.Currency,
        order.CreatedAt,
        order.UpdatedAt,
        order.ReservationExpiresAt,
        order.Reason,
        [.. order.Lines.OrderBy(l => l.Id).Select(OrderLineResponse.From)],
        withTimeline ? [.. order.Transitions.OrderBy(t => t.Sequence).Select(OrderTransitionResponse.Of)] : null);
}
