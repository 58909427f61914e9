using DigitalDelivery.Core.Messaging;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Orders.Messaging;

namespace DigitalDelivery.Worker.Orders;

public static class OrderQueueExtensions
{
    /// <summary>Worker's order handlers on the fulfillment queue (the queue itself is configured by AddFulfillmentQueue).</summary>
    public static IHostApplicationBuilder AddOrderHandlers(this IHostApplicationBuilder builder)
    {
        builder.AddOrders();
        builder.AddMessaging(messaging => messaging.AddTransactionalHandler<OrderReservationExpiryDue, OrderReservationExpiryHandler>());
        return builder;
    }
}
