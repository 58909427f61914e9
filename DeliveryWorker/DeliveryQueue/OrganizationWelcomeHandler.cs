using DigitalDelivery.Core.Messaging.Handling;
using DigitalDelivery.Core.Organizations.Messaging;

namespace DigitalDelivery.DeliveryWorker.DeliveryQueue;

/// <summary>
/// Welcomes a new merchant. Delivery channels (mail, webhooks) arrive with the delivery issue; until then the
/// welcome is recorded in the log. Outside effects, so at least once: the channel gets context.IdempotencyKey.
/// </summary>
internal sealed partial class OrganizationWelcomeHandler(ILogger<OrganizationWelcomeHandler> logger)
    : IMessageHandler<OrganizationWelcomeRequested>
{
    public Task HandleAsync(OrganizationWelcomeRequested message, MessageContext context, CancellationToken cancellationToken)
    {
        LogWelcome(message.OrganizationId, message.Slug, context.IdempotencyKey);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Welcome for organization {OrganizationId} ({Slug}) delivered to the log (idempotency key {IdempotencyKey}).")]
    private partial void LogWelcome(Guid organizationId, string slug, string idempotencyKey);
}
