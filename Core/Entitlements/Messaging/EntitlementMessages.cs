using DigitalDelivery.Core.Fulfillment.Messaging;
using DigitalDelivery.Core.Messaging;

namespace DigitalDelivery.Core.Entitlements.Messaging;

/// <summary>The customer access feature's message contracts (and the fulfillment ones it sends: access deliveries).</summary>
public static class EntitlementMessages
{
    public const string ExpiryNoticeDue = "download-access-expiry-notice-due.v1";
    public const string LinksResendRequested = "customer-links-resend-requested.v1";

    public static MessagingBuilder AddEntitlementMessages(this MessagingBuilder messaging) => messaging
        .AddFulfillmentMessages()
        .AddMessage(EntitlementMessagesJson.Default.DownloadAccessExpiryNoticeDue, QueueNames.Delivery, ExpiryNoticeDue)
        .AddMessage(EntitlementMessagesJson.Default.CustomerLinksResendRequested, QueueNames.Delivery, LinksResendRequested);
}
