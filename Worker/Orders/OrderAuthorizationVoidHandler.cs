using DigitalDelivery.Core.Messaging.Handling;
using DigitalDelivery.Core.Orders.Messaging;
using DigitalDelivery.Core.Payments;

namespace DigitalDelivery.Worker.Orders;

/// <summary>
/// Voids the authorisation of an order that ended unpaid. The key <c>order-{id}:void</c> is the one the capture
/// compensation uses too, so the processor voids at most once per order. When the processor refuses because a
/// capture won the race (the order was cancelled while Worker captured), the money is refunded instead with
/// <c>order-{id}:refund</c>; the captured and refunded webhooks then change nothing on the cancelled order. An
/// unreachable processor throws and the message is retried with the same keys.
/// </summary>
internal sealed partial class OrderAuthorizationVoidHandler(IPaymentProvider provider, ILogger<OrderAuthorizationVoidHandler> logger)
    : IMessageHandler<OrderAuthorizationVoidRequested>
{
    public async Task HandleAsync(OrderAuthorizationVoidRequested message, MessageContext context, CancellationToken cancellationToken)
    {
        var result = await provider.VoidAsync(message.PreauthId, $"order-{message.OrderId}:void", cancellationToken);
        if (result is not PaymentOperationRefused { Reason: PaymentRefusalReason.InvalidState } refused)
        {
            LogVoided(message.OrderId, result is PaymentOperationSucceeded);
            return;
        }

        var refund = await provider.RefundAsync(
            message.PreauthId, new Money(message.AmountMinor, message.Currency), $"order-{message.OrderId}:refund", cancellationToken);
        LogRefunded(message.OrderId, refused.Reason, refund is PaymentOperationSucceeded);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The authorisation of unpaid order {OrderId} was voided (accepted: {Accepted}).")]
    private partial void LogVoided(Guid orderId, bool accepted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} could not be voided ({Reason}); refunded instead (accepted: {Accepted}).")]
    private partial void LogRefunded(Guid orderId, PaymentRefusalReason reason, bool accepted);
}
