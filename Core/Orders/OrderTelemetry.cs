using System.Diagnostics;

namespace DigitalDelivery.Core.Orders;

/// <summary>
/// Names the order on the span that is handling it, so an operator can find every trace of one order in the
/// dashboard (filter <c>digitaldelivery.order.id</c>) without knowing which message carried it.
/// </summary>
public static class OrderTelemetry
{
    public const string OrderIdTag = "digitaldelivery.order.id";

    public static void TagCurrentSpan(Guid orderId) => Activity.Current?.SetTag(OrderIdTag, orderId.ToString());
}
