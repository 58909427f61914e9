namespace DigitalDelivery.Core.Messaging.Handling;

/// <summary>
/// A handler whose effects are outside the database (HTTP, SMTP): delivery is at least once, so pass
/// <see cref="MessageContext.IdempotencyKey"/> on to whatever you call. No transaction is open while it runs.
/// The message completes after the handler returns; an exception schedules a retry.
/// </summary>
public interface IMessageHandler<in TMessage> where TMessage : class
{
    Task HandleAsync(TMessage message, MessageContext context, CancellationToken cancellationToken);
}
