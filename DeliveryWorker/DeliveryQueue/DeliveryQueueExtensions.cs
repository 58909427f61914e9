using DigitalDelivery.Core.Messaging;
using DigitalDelivery.Core.Organizations.Messaging;

namespace DigitalDelivery.DeliveryWorker.DeliveryQueue;

public static class DeliveryQueueExtensions
{
    /// <summary>DeliveryWorker consumes the delivery queue.</summary>
    public static IHostApplicationBuilder AddDeliveryQueue(this IHostApplicationBuilder builder)
    {
        builder.AddMessaging(messaging => messaging
            .AddOrganizationMessages()
            .AddQueue(QueueNames.Delivery, queue => queue.Concurrency = 32)
            .AddHandler<OrganizationWelcomeRequested, OrganizationWelcomeHandler>());
        return builder;
    }
}
