using DigitalDelivery.Core.Messaging.Handling;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Orders.Messaging;
using DigitalDelivery.Core.Payments;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Worker.Orders;

/// <summary>
/// The saga's capture step. Captures with <c>order-{id}:capture</c> on every attempt, so a retry after a timeout
/// or a redelivery after a crash gets the first answer back instead of capturing twice. The order becomes Paid
/// only when the processor's payment.captured webhook arrives. A refusal compensates: void the authorisation
/// (<c>order-{id}:void</c>), then cancel the order with the reason and give its stock back. An unreachable
/// processor throws, and the message is retried later with the same key.
/// </summary>
internal sealed partial class OrderCaptureHandler(
    IPaymentProvider provider,
    DeliveryDbContext db,
    TenantContext tenant,
    OrderLifecycle lifecycle,
    ILogger<OrderCaptureHandler> logger) : IMessageHandler<OrderCaptureRequested>
{
    public async Task HandleAsync(OrderCaptureRequested message, MessageContext context, CancellationToken cancellationToken)
    {
        tenant.SetOrganization(message.OrganizationId);
        if (await db.Set<Order>().Where(o => o.Id == message.OrderId).Select(o => o.Status).SingleOrDefaultAsync(cancellationToken)
            is not OrderStatuses.Reserved and var status)
        {
            // Cancelled or expired meanwhile: the lifecycle has asked for a void; capturing now would charge for nothing.
            LogNotCaptured(message.OrderId, status);
            return;
        }

        var result = await provider.CaptureAsync(
            message.PreauthId, new Money(message.AmountMinor, message.Currency), $"order-{message.OrderId}:capture", cancellationToken);
        if (result is not PaymentOperationRefused refused)
        {
            return;
        }

        LogRefused(message.OrderId, refused.Reason);
        await provider.VoidAsync(message.PreauthId, $"order-{message.OrderId}:void", cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await lifecycle.LockAsync(message.OrderId, cancellationToken);
        if (order is not null && OrderStateMachine.CanMove(order.Status, OrderStatuses.Cancelled) && order.Status == OrderStatuses.Reserved)
        {
            await lifecycle.CancelAsync(order, $"payment capture refused: {refused.Reason}", cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} is {Status}, no longer awaiting capture; not captured.")]
    private partial void LogNotCaptured(Guid orderId, string? status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Capture of order {OrderId} was refused ({Reason}); voiding and cancelling.")]
    private partial void LogRefused(Guid orderId, PaymentRefusalReason reason);
}
