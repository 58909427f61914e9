using DigitalDelivery.Core.Messaging;
using DigitalDelivery.Core.Organizations.Messaging;

namespace DigitalDelivery.Worker.Fulfillment;

public static class FulfillmentQueueExtensions
{
    /// <summary>Worker consumes the fulfillment queue (and may send to the delivery queue).</summary>
    public static IHostApplicationBuilder AddFulfillmentQueue(this IHostApplicationBuilder builder)
    {
        builder.AddMessaging(messaging => messaging
            .AddOrganizationMessages()
            .AddQueue(QueueNames.Fulfillment, queue => queue.Concurrency = 16)
            .AddTransactionalHandler<OrganizationCreated, OrganizationCreatedHandler>());
        return builder;
    }
}
