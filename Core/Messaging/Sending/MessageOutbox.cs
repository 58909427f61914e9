using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DigitalDelivery.Core.Messaging.Sending;

/// <summary>The scoped <see cref="IMessageOutbox"/>: writes on the DbContext's own connection and transaction.</summary>
internal sealed class MessageOutbox(
    DeliveryDbContext db, NpgsqlDataSource dataSource, MessageWriter writer, WakeUpInterceptor afterCommit, QueueWakeUpNotifier notifier)
    : IMessageOutbox
{
    public async Task<bool> EnqueueAsync<TMessage>(
        TMessage message, EnqueueOptions? options = null, CancellationToken cancellationToken = default)
        where TMessage : class =>
        await EnqueueManyAsync([message], options is null ? null : _ => options, cancellationToken) == 1;

    public async Task<int> EnqueueManyAsync<TMessage>(
        IEnumerable<TMessage> messages, Func<TMessage, EnqueueOptions?>? options = null, CancellationToken cancellationToken = default)
        where TMessage : class
    {
        ArgumentNullException.ThrowIfNull(messages);
        var transaction = db.Database.CurrentTransaction;
        if (transaction is null && db.ChangeTracker.HasChanges())
        {
            throw new InvalidOperationException(
                "The DbContext has unsaved changes but no transaction: the messages would commit before (and without) " +
                "them. Begin a transaction, enqueue, save, then commit.");
        }

        if (transaction is null)
        {
            // Nothing to be atomic with: a pooled connection of our own is cheaper than opening the DbContext's.
            await using var own = await dataSource.OpenConnectionAsync(cancellationToken);
            var added = await writer.InsertAsync(own, null, messages, options, cancellationToken);
            if (added > 0)
            {
                notifier.Signal(writer.QueueOf<TMessage>());
            }

            return added;
        }

        var dbTransaction = transaction.GetDbTransaction();
        var inserted = await writer.InsertAsync(
            (NpgsqlConnection)dbTransaction.Connection!, (NpgsqlTransaction)dbTransaction, messages, options, cancellationToken);
        if (inserted > 0)
        {
            afterCommit.SignalAfterCommit(dbTransaction, writer.QueueOf<TMessage>());
        }

        return inserted;
    }
}
