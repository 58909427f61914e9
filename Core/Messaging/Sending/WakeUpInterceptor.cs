using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DigitalDelivery.Core.Messaging.Sending;

/// <summary>
/// Holds the wake-ups of messages enqueued inside an EF Core transaction until that transaction commits (and drops
/// them on rollback), so consumers are never woken for messages they cannot see yet.
/// Registered on DeliveryDbContext through the IInterceptor services (PersistenceExtensions).
/// </summary>
internal sealed class WakeUpInterceptor(QueueWakeUpNotifier notifier) : DbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbTransaction, ConcurrentDictionary<string, byte>> _pending = [];

    public void SignalAfterCommit(DbTransaction transaction, string queue) =>
        _pending.GetValue(transaction, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal)).TryAdd(queue, 0);

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(transaction);

    public override Task TransactionCommittedAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(transaction);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        _pending.Remove(transaction);

    public override Task TransactionRolledBackAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending.Remove(transaction);
        return Task.CompletedTask;
    }

    // A failed commit may still have committed; a needless wake-up costs one empty claim.
    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Flush(transaction);

    public override Task TransactionFailedAsync(
        DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(transaction);
        return Task.CompletedTask;
    }

    private void Flush(DbTransaction transaction)
    {
        if (_pending.TryGetValue(transaction, out var queues))
        {
            _pending.Remove(transaction);
            foreach (var queue in queues.Keys)
            {
                notifier.Signal(queue);
            }
        }
    }
}
