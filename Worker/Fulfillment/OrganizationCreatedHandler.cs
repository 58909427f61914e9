using DigitalDelivery.Core.Messaging.Handling;
using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Core.Organizations.Messaging;
using DigitalDelivery.Core.Persistence;

namespace DigitalDelivery.Worker.Fulfillment;

/// <summary>
/// A new merchant: ask DeliveryWorker to welcome it. Transactional, so the request is enqueued exactly once even
/// if this message is delivered twice. Provisioning steps for new merchants (defaults, storage) belong here as
/// they arrive with their features.
/// </summary>
internal sealed partial class OrganizationCreatedHandler(IMessageOutbox outbox, ILogger<OrganizationCreatedHandler> logger)
    : ITransactionalMessageHandler<OrganizationCreated>
{
    public async Task HandleAsync(OrganizationCreated message, MessageContext context, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        LogCreated(message.OrganizationId, message.Slug);
        await outbox.EnqueueAsync(
            new OrganizationWelcomeRequested(message.OrganizationId, message.Name, message.Slug),
            new EnqueueOptions { DedupeKey = $"welcome:{message.OrganizationId}" },
            cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Organization {OrganizationId} ({Slug}) was created; requesting its welcome.")]
    private partial void LogCreated(Guid organizationId, string slug);
}
