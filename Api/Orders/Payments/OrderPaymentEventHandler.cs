using DigitalDelivery.Core.Deliveries;
using DigitalDelivery.Core.Entitlements;
using DigitalDelivery.Core.Fulfillment;
using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Orders.Messaging;
using DigitalDelivery.Core.Payments.Webhooks;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Api.Orders.Payments;

/// <summary>
/// Payment webhooks for orders. Runs inside the webhook endpoint's transaction, after the event id was recorded,
/// so each event acts once. payment.captured is the only way an order becomes Paid; the order row is locked and
/// the transition table refuses a second Paid, so two different events for one capture still give one transition.
/// An authorisation for an order that already expired or was cancelled is voided by Worker; other events for
/// orders that moved on change nothing. Paid plans the fulfillment in the same
/// transaction; a refund revokes every entitlement the order granted and retires its links. Paid and Refunded publish
/// the merchant's order.paid / order.refunded events in the same transaction.
/// </summary>
internal sealed partial class OrderPaymentEventHandler(
    DeliveryDbContext db,
    TenantContext tenant,
    OrderLifecycle lifecycle,
    StockReservations reservations,
    IMessageOutbox outbox,
    FulfillmentPlanner fulfillment,
    OrderAccessRevocation revocation,
    MerchantEvents events,
    TimeProvider time,
    ILogger<OrderPaymentEventHandler> logger) : IPaymentEventHandler
{
    public async Task HandleAsync(PaymentEvent paymentEvent, CancellationToken cancellationToken)
    {
        if (!OrderReference.TryParse(paymentEvent.OrderReference, out var organizationId, out var orderId))
        {
            LogNotAnOrder(paymentEvent.Id);
            return;
        }

        tenant.SetOrganization(organizationId);
        var order = await lifecycle.LockAsync(orderId, cancellationToken);
        if (order is null)
        {
            LogNotAnOrder(paymentEvent.Id);
            return;
        }

        var now = time.GetUtcNow();
        switch (paymentEvent.Type)
        {
            case PaymentEventTypes.Authorized when order.Status == OrderStatuses.Reserved:
                order.PreauthId ??= paymentEvent.PreauthId;
                await outbox.EnqueueAsync(
                    new OrderCaptureRequested(organizationId, order.Id, paymentEvent.PreauthId, order.TotalMinor, order.Currency),
                    new EnqueueOptions { DedupeKey = $"order-capture:{order.Id}" },
                    cancellationToken);
                break;
            case PaymentEventTypes.Authorized when order.Status is OrderStatuses.Expired or OrderStatuses.Cancelled:
                order.PreauthId ??= paymentEvent.PreauthId;
                await lifecycle.VoidAuthorizationAsync(order, cancellationToken);
                break;
            case PaymentEventTypes.Captured when order.Status == OrderStatuses.Reserved:
                foreach (var line in order.Lines.Where(l => l.ReservedQuantity > 0).OrderBy(l => l.ProductId))
                {
                    await reservations.CommitAsync(line.ProductId, line.ReservedQuantity, cancellationToken);
                    line.ReservedQuantity = 0;
                }

                order.PreauthId ??= paymentEvent.PreauthId;
                order.ReservationExpiresAt = null;
                db.Add(order.MoveTo(OrderStatuses.Paid, $"payment captured ({paymentEvent.Id})", now));
                await fulfillment.PlanAsync(order, cancellationToken);
                await PublishAsync(MerchantEventTypes.OrderPaid, order, now, cancellationToken);
                break;
            case PaymentEventTypes.Declined when OrderStateMachine.CanMove(order.Status, OrderStatuses.Cancelled) && order.Status == OrderStatuses.Reserved:
                await lifecycle.CancelAsync(order, $"payment declined: {paymentEvent.DeclineCode ?? "declined"}", cancellationToken);
                break;
            case PaymentEventTypes.Refunded when OrderStateMachine.CanMove(order.Status, OrderStatuses.Refunded):
                var revoked = await revocation.RevokeAsync(order.Id, "order refunded", cancellationToken);
                order.Reason = $"refunded {paymentEvent.Amount}";
                db.Add(order.MoveTo(OrderStatuses.Refunded, $"payment refunded ({paymentEvent.Id}); {revoked} download entitlement(s) revoked", now));
                await PublishAsync(MerchantEventTypes.OrderRefunded, order, now, cancellationToken);
                break;
            default:
                LogIgnored(paymentEvent.Id, paymentEvent.Type, order.Id, order.Status);
                break;
        }
    }

    // In the webhook's transaction, like the transition it reports.
    private Task<bool> PublishAsync(string type, Order order, DateTimeOffset now, CancellationToken cancellationToken) =>
        events.PublishAsync(order.OrganizationId, type, order.Id.ToString("N"), new OrderEventData(
            order.Id, OrderNumbers.Of(order.Id), order.Status, order.CustomerEmail, order.TotalMinor, order.Currency, now), cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment event {EventId} names no order of this platform; ignored.")]
    private partial void LogNotAnOrder(string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment event {EventId} ({Type}) changes nothing for order {OrderId} in state {Status}.")]
    private partial void LogIgnored(string eventId, string type, Guid orderId, string status);
}
