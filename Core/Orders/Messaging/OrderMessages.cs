using DigitalDelivery.Core.Messaging;

namespace DigitalDelivery.Core.Orders.Messaging;

/// <summary>The orders feature's message contracts, their wire names and queues.</summary>
public static class OrderMessages
{
    public const string ReservationExpiryDue = "order-reservation-expiry-due.v1";
    public const string CaptureRequested = "order-capture-requested.v1";
    public const string AuthorizationVoidRequested = "order-authorization-void-requested.v1";

    public static MessagingBuilder AddOrderMessages(this MessagingBuilder messaging) => messaging
        .AddMessage(OrderMessagesJson.Default.OrderReservationExpiryDue, QueueNames.Fulfillment, ReservationExpiryDue)
        .AddMessage(OrderMessagesJson.Default.OrderCaptureRequested, QueueNames.Fulfillment, CaptureRequested)
        .AddMessage(OrderMessagesJson.Default.OrderAuthorizationVoidRequested, QueueNames.Fulfillment, AuthorizationVoidRequested);
}
