using DigitalDelivery.Core.Messaging;

namespace DigitalDelivery.Core.Fulfillment.Messaging;

/// <summary>The fulfillment feature's message contracts, their wire names and queues.</summary>
public static class FulfillmentMessages
{
    public const string FulfillmentRequested = "order-fulfillment-requested.v1";
    public const string AccessDeliveryRequested = "order-access-delivery-requested.v1";

    public static MessagingBuilder AddFulfillmentMessages(this MessagingBuilder messaging) => messaging
        .AddMessage(FulfillmentMessagesJson.Default.OrderFulfillmentRequested, QueueNames.Fulfillment, FulfillmentRequested)
        .AddMessage(FulfillmentMessagesJson.Default.OrderAccessDeliveryRequested, QueueNames.Delivery, AccessDeliveryRequested);
}
