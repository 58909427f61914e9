using DigitalDelivery.Core.Messaging;

namespace DigitalDelivery.Core.Organizations.Messaging;

/// <summary>The organization feature's message contracts, their wire names and queues; used by senders and consumers alike.</summary>
public static class OrganizationMessages
{
    public const string Created = "organization-created.v1";
    public const string WelcomeRequested = "organization-welcome-requested.v1";

    public static MessagingBuilder AddOrganizationMessages(this MessagingBuilder messaging) => messaging
        .AddMessage(OrganizationMessagesJson.Default.OrganizationCreated, QueueNames.Fulfillment, Created)
        .AddMessage(OrganizationMessagesJson.Default.OrganizationWelcomeRequested, QueueNames.Delivery, WelcomeRequested);
}
