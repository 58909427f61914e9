using DigitalDelivery.Core.Messaging;

namespace DigitalDelivery.Core.Deliveries.Messaging;

/// <summary>The deliveries feature's message contracts; senders (Worker, Api) and DeliveryWorker register them alike.</summary>
public static class DeliveryMessages
{
    public const string EventRaised = "merchant-event-raised.v1";
    public const string AttemptDue = "delivery-attempt-due.v1";

    public static MessagingBuilder AddDeliveryMessages(this MessagingBuilder messaging) => messaging
        .AddMessage(DeliveryMessagesJson.Default.MerchantEventRaised, QueueNames.Delivery, EventRaised)
        .AddMessage(DeliveryMessagesJson.Default.DeliveryAttemptDue, QueueNames.Delivery, AttemptDue);
}
