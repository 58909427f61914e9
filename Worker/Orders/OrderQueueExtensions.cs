using DigitalDelivery.Core.Deliveries;
using DigitalDelivery.Core.Fulfillment.Messaging;
using DigitalDelivery.Core.Messaging;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Orders.Messaging;
using DigitalDelivery.Core.Payments;
using DigitalDelivery.Worker.Fulfillment;

namespace DigitalDelivery.Worker.Orders;

public static class OrderQueueExtensions
{
    /// <summary>Worker's order handlers on the fulfillment queue (the queue itself is configured by AddFulfillmentQueue).</summary>
    public static IHostApplicationBuilder AddOrderHandlers(this IHostApplicationBuilder builder)
    {
        builder.AddOrders();
        builder.AddPayments();
        builder.AddMerchantEvents();
        builder.AddMessaging(messaging => messaging
            .AddTransactionalHandler<OrderReservationExpiryDue, OrderReservationExpiryHandler>()
            .AddHandler<OrderCaptureRequested, OrderCaptureHandler>()
            .AddHandler<OrderAuthorizationVoidRequested, OrderAuthorizationVoidHandler>()
            .AddHandler<OrderFulfillmentRequested, OrderFulfillmentHandler>());
        builder.Services.AddScoped<OrderFulfillment>();
        return builder;
    }
}
