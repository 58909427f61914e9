using DigitalDelivery.Api.Orders.Payments;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Payments.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DigitalDelivery.Api.Orders;

public static class OrdersApiExtensions
{
    /// <summary>The orders services in the Api: the Core orders services and the request-scoped creation.</summary>
    public static IHostApplicationBuilder AddApiOrders(this IHostApplicationBuilder builder)
    {
        builder.AddOrders();
        builder.Services.AddScoped<OrderCreation>();
        builder.Services.AddSingleton<IdempotentResponseCache>();
        // Replaces the logging default that AddPayments registers with TryAdd.
        builder.Services.Replace(ServiceDescriptor.Scoped<IPaymentEventHandler, OrderPaymentEventHandler>());
        return builder;
    }
}
