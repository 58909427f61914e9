namespace DigitalDelivery.Core.Messaging.Sending;

/// <summary>
/// Enqueues messages through the scope's DeliveryDbContext. Inside a transaction of that context
/// (<c>db.Database.BeginTransactionAsync()</c>, or a transactional handler's) the messages commit if and only if
/// the transaction does, and consumers are woken right after the commit. Outside one, each call commits on its own;
/// calling it with unsaved changes and no transaction is refused, because the two could not commit together.
/// </summary>
public interface IMessageOutbox
{
    /// <returns>False when the message was not added: its dedupe key or id is already unfinished in the queue.</returns>
    Task<bool> EnqueueAsync<TMessage>(TMessage message, EnqueueOptions? options = null, CancellationToken cancellationToken = default)
        where TMessage : class;

    /// <summary>Many messages in one statement.</summary>
    /// <returns>How many were added (the others were deduplicated).</returns>
    Task<int> EnqueueManyAsync<TMessage>(
        IEnumerable<TMessage> messages, Func<TMessage, EnqueueOptions?>? options = null, CancellationToken cancellationToken = default)
        where TMessage : class;
}
