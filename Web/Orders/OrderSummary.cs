using System.Text.Json.Serialization;

namespace DigitalDelivery.Web.Orders;

/// <summary>An order as the Api lists it; <see cref="Timeline"/> is there only when one order was asked for.</summary>
public sealed record OrderSummary(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("customer_email")] string CustomerEmail,
    [property: JsonPropertyName("customer_name")] string CustomerName,
    [property: JsonPropertyName("total_minor")] long TotalMinor,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("lines")] IReadOnlyList<OrderLineSummary> Lines,
    [property: JsonPropertyName("timeline")] IReadOnlyList<OrderTransitionSummary>? Timeline)
{
    public string Total => Money.Format(TotalMinor, Currency);
}
