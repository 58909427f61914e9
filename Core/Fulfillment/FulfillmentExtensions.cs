using DigitalDelivery.Core.Entitlements;
using DigitalDelivery.Core.Fulfillment.Messaging;
using DigitalDelivery.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Core.Fulfillment;

public static class FulfillmentExtensions
{
    /// <summary>Fulfillment's shared services: the planner (Api, at Paid and on a manual fulfil), grants and their messages.</summary>
    public static IHostApplicationBuilder AddFulfillment(this IHostApplicationBuilder builder)
    {
        builder.AddEntitlements();
        builder.Services.AddScoped<FulfillmentPlanner>();
        builder.AddMessaging(messaging => messaging.AddFulfillmentMessages());
        return builder;
    }
}
