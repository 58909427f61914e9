using DigitalDelivery.Core.Deliveries;
using DigitalDelivery.Core.Deliveries.Messaging;
using DigitalDelivery.Core.Messaging;
using DigitalDelivery.Core.Security.DataProtection;

namespace DigitalDelivery.DeliveryWorker.Engine;

public static class DeliveryEngineExtensions
{
    /// <summary>Merchant events fanned out to destinations, and webhook deliveries with their retries and breakers.</summary>
    public static IHostApplicationBuilder AddDeliveryEngine(this IHostApplicationBuilder builder)
    {
        builder.AddDeliveryDataProtection();
        builder.AddWebhookSender();
        builder.AddMerchantEvents();
        builder.Services.AddOptions<DeliveryEngineOptions>().BindConfiguration(DeliveryEngineOptions.SectionName);
        builder.AddMessaging(messaging => messaging
            .AddTransactionalHandler<MerchantEventRaised, MerchantEventFanOutHandler>()
            .AddHandler<WebhookDeliveryDue, WebhookDeliveryHandler>());
        return builder;
    }
}
