using DigitalDelivery.Core.Catalog;
using DigitalDelivery.Core.Deliveries;
using DigitalDelivery.Core.Deliveries.Engine;
using DigitalDelivery.Core.Deliveries.Messaging;
using DigitalDelivery.Core.Messaging;
using DigitalDelivery.Core.Storage;

namespace DigitalDelivery.DeliveryWorker.Engine;

public static class DeliveryEngineExtensions
{
    /// <summary>
    /// Merchant events fanned out to destinations, and delivery attempts with their retries and breakers. Deliveries'
    /// files are read from the catalog's Blob storage (ConnectionStrings:blobs).
    /// </summary>
    public static IHostApplicationBuilder AddDeliveryEngine(this IHostApplicationBuilder builder)
    {
        builder.AddBlobStorage();
        builder.AddCatalog();
        builder.AddDestinationHandlers();
        builder.AddMerchantEvents();
        builder.Services.AddSingleton<DeliveryTelemetry>();
        builder.Services.AddOptions<DeliveryEngineOptions>().BindConfiguration(DeliveryEngineOptions.SectionName);
        builder.AddMessaging(messaging => messaging
            .AddTransactionalHandler<MerchantEventRaised, MerchantEventFanOutHandler>()
            .AddHandler<DeliveryAttemptDue, DeliveryAttemptHandler>());
        return builder;
    }
}
