using DigitalDelivery.Core.Fulfillment;
using DigitalDelivery.Core.Messaging;
using DigitalDelivery.Core.Orders.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Core.Orders;

public static class OrdersExtensions
{
    /// <summary>The orders services shared by the Api and Worker.</summary>
    public static IHostApplicationBuilder AddOrders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OrdersOptions>().BindConfiguration(OrdersOptions.SectionName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<StockReservations>();
        builder.Services.AddScoped<OrderLifecycle>();
        builder.AddMessaging(messaging => messaging.AddOrderMessages());
        builder.AddFulfillment();
        return builder;
    }
}
