using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DigitalDelivery.Core.Payments.Webhooks;

/// <summary>
/// Handles a verified event exactly once: in one transaction on the scoped DeliveryDbContext it records the
/// event id and, only if that was the first time, runs <see cref="IPaymentEventHandler"/>; both commit together.
/// </summary>
public sealed class PaymentEventInbox(
    DeliveryDbContext db,
    ProcessedPaymentEventStore store,
    IPaymentEventHandler handler,
    ILogger<PaymentEventInbox> logger)
{
    public async Task<PaymentEventReceipt> ReceiveAsync(PaymentEvent paymentEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paymentEvent);
        // Through the execution strategy so a retrying strategy, if one is configured later, replays the whole unit.
        var strategy = db.Database.CreateExecutionStrategy();
        var attempt = 0;
        return await strategy.ExecuteAsync(
            async ct =>
            {
                if (attempt++ > 0)
                {
                    // A replay must not save what the failed attempt's handler left tracked.
                    db.ChangeTracker.Clear();
                }

                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                if (!await store.TryRecordAsync(db, paymentEvent.Id, ct))
                {
                    await transaction.RollbackAsync(ct);
                    logger.LogInformation("Payment event {EventId} was handled before; ignoring the redelivery.", paymentEvent.Id);
                    return PaymentEventReceipt.Duplicate;
                }

                await handler.HandleAsync(paymentEvent, ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return PaymentEventReceipt.Processed;
            },
            cancellationToken);
    }
}
