using System.Diagnostics.CodeAnalysis;

namespace DigitalDelivery.Core.Payments.Webhooks;

/// <summary>
/// Reacts to a verified, first-time payment event (the orders feature: mark the order Paid, start the saga, revoke
/// on refund). Resolved per request and called inside the transaction the webhook endpoint opened on the
/// request's scoped DeliveryDbContext, right after the event id was recorded: use that same context, and the
/// order change and the dedupe record commit together or not at all. Throwing rolls both back and the processor
/// redelivers later. Events may arrive out of order (captured before authorized) and for orders that moved on.
/// </summary>
[SuppressMessage(
    "Naming",
    "CA1711:Identifiers should not have incorrect suffix",
    Justification = "The name is the agreed contract with the orders feature; it handles payment events, it is not a .NET event delegate.")]
public interface IPaymentEventHandler
{
    Task HandleAsync(PaymentEvent paymentEvent, CancellationToken cancellationToken);
}
