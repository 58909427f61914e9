using System.Data;
using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DigitalDelivery.Core.Messaging.Sending;

/// <summary>The scoped <see cref="IMessageOutbox"/>: writes on the DbContext's own connection and transaction.</summary>
internal sealed class MessageOutbox(
    DeliveryDbContext db, MessageWriter writer, WakeUpInterceptor afterCommit, QueueWakeUpNotifier notifier) : IMessageOutbox
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

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            var dbTransaction = transaction?.GetDbTransaction();
            var inserted = await writer.InsertAsync(connection, (NpgsqlTransaction?)dbTransaction, messages, options, cancellationToken);
            if (inserted > 0)
            {
                var queue = writer.QueueOf<TMessage>();
                if (dbTransaction is null)
                {
                    notifier.Signal(queue);
                }
                else
                {
                    afterCommit.SignalAfterCommit(dbTransaction, queue);
                }
            }

            return inserted;
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
