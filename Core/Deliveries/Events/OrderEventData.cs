namespace DigitalDelivery.Core.Deliveries;

/// <summary>The <c>data</c> of <c>order.paid</c> and <c>order.refunded</c>.</summary>
public sealed record OrderEventData(
    Guid OrderId, string OrderNumber, string Status, string CustomerEmail, long TotalMinor, string Currency, DateTimeOffset OccurredAt);
