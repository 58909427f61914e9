using DigitalDelivery.Core.Deliveries.Messaging;
using DigitalDelivery.Core.Deliveries.Webhooks;
using DigitalDelivery.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Core.Deliveries;

public static class DeliveriesExtensions
{
    /// <summary>Publishing merchant events and the deliveries feature's message contracts (producers and DeliveryWorker).</summary>
    public static IHostApplicationBuilder AddMerchantEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<MerchantEvents>();
        builder.AddMessaging(messaging => messaging.AddDeliveryMessages());
        return builder;
    }

    /// <summary>Sending webhooks (DeliveryWorker; the Api's connection test).</summary>
    public static IHostApplicationBuilder AddWebhookSender(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WebhookSender>();
        return builder;
    }
}
