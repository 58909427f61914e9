using DigitalDelivery.Core.Messaging.Contracts;
using DigitalDelivery.Core.Messaging.Handling;
using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DigitalDelivery.Core.Messaging.Consuming;

/// <summary>
/// One transaction for the completion and the handler's changes: the message row is deleted first (which also
/// proves the lease is still ours and locks the row against everyone else), then the handler runs, then
/// SaveChanges and commit. Either both happen or neither does: the effect is applied exactly once.
/// </summary>
internal sealed class TransactionalInvoker<TMessage, THandler>(MessageType<TMessage> type)
    : HandlerInvoker(type.Queue, type.Name)
    where TMessage : class
    where THandler : ITransactionalMessageHandler<TMessage>
{
    public override bool IsTransactional => true;

    public override async ValueTask<HandlerOutcome> InvokeAsync(InFlightMessage inFlight, MessageContext context, MessagingRuntime runtime)
    {
        var message = inFlight.Message;
        var cancellationToken = inFlight.Cancellation;
        var payload = type.Deserialize(message.Payload);
        await using var scope = runtime.Scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        var handler = scope.ServiceProvider.GetRequiredService<THandler>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
        if (!await MessageStore.CompleteInTransactionAsync(connection, npgsqlTransaction, message.Id, message.LockToken, cancellationToken))
        {
            return HandlerOutcome.LeaseLost;
        }

        await handler.HandleAsync(payload, context, db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // Not cancellable: once the commit is sent its outcome must be known, not abandoned halfway.
        await transaction.CommitAsync(CancellationToken.None);
        return HandlerOutcome.Completed;
    }
}
