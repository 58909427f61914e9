using DigitalDelivery.Core.Orders;

namespace DigitalDelivery.Api.Orders;

public static class OrdersApiExtensions
{
    /// <summary>The orders services in the Api: the Core orders services and the request-scoped creation.</summary>
    public static IHostApplicationBuilder AddApiOrders(this IHostApplicationBuilder builder)
    {
        builder.AddOrders();
        builder.Services.AddScoped<OrderCreation>();
        return builder;
    }
}
