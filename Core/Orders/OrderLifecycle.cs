using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Core.Orders.Messaging;
using DigitalDelivery.Core.Persistence;

namespace DigitalDelivery.Core.Orders;

/// <summary>
/// The state changes that give stock back (expiry, cancellation). Runs on the caller's context and transaction;
/// the caller saves. The order row is locked first, so a payment and an expiry of the same order serialise.
/// An order that ends unpaid with an authorisation on the card has it voided (in the same transaction, through
/// the outbox), so the customer's funds are not held until the processor lets the hold lapse.
/// </summary>
public sealed class OrderLifecycle(DeliveryDbContext db, StockReservations reservations, IMessageOutbox outbox, TimeProvider time)
{
    /// <summary>Loads the order with its lines and locks its row for the rest of the transaction.</summary>
    public Task<Order?> LockAsync(Guid orderId, CancellationToken cancellationToken) => db.LockOrderAsync(orderId, cancellationToken);

    /// <returns>False when the order had moved on (paid, cancelled): nothing to expire.</returns>
    public async Task<bool> ExpireAsync(Order order, CancellationToken cancellationToken)
    {
        if (!OrderStateMachine.CanMove(order.Status, OrderStatuses.Expired))
        {
            return false;
        }

        await reservations.ReleaseOrderAsync(order, cancellationToken);
        order.Reason = "The reservation lapsed before payment.";
        db.Add(order.MoveTo(OrderStatuses.Expired, "reservation window elapsed without payment", time.GetUtcNow()));
        await VoidAuthorizationAsync(order, cancellationToken);
        return true;
    }

    /// <exception cref="OrderTransitionRefusedException">The order can no longer be cancelled.</exception>
    public async Task CancelAsync(Order order, string reason, CancellationToken cancellationToken)
    {
        var transition = order.MoveTo(OrderStatuses.Cancelled, reason, time.GetUtcNow());
        await reservations.ReleaseOrderAsync(order, cancellationToken);
        order.Reason = reason;
        db.Add(transition);
        await VoidAuthorizationAsync(order, cancellationToken);
    }

    /// <summary>Asks Worker to void the order's authorisation, if it has one (once per order: dedupe key and processor key).</summary>
    public async Task VoidAuthorizationAsync(Order order, CancellationToken cancellationToken)
    {
        if (order.PreauthId is { } preauthId)
        {
            await outbox.EnqueueAsync(
                new OrderAuthorizationVoidRequested(order.OrganizationId, order.Id, preauthId, order.TotalMinor, order.Currency),
                new EnqueueOptions { DedupeKey = $"order-void:{order.Id}" },
                cancellationToken);
        }
    }
}
