using DigitalDelivery.Core.Persistence;

namespace DigitalDelivery.Core.Messaging.Handling;

/// <summary>
/// A handler whose effects are in this database: its changes to <paramref name="db"/>'s transaction commit together
/// with the message's completion, so they happen exactly once. The engine saves changes and commits after the
/// handler returns; messages enqueued through IMessageOutbox inside it join the same transaction. Keep it to
/// database work: the transaction stays open while it runs.
/// </summary>
public interface ITransactionalMessageHandler<in TMessage> where TMessage : class
{
    Task HandleAsync(TMessage message, MessageContext context, DeliveryDbContext db, CancellationToken cancellationToken);
}
