using Microsoft.Extensions.Logging;

namespace DigitalDelivery.Core.Payments.Webhooks;

/// <summary>The placeholder until the orders feature registers its own handler: records that the event arrived.</summary>
internal sealed class LoggingPaymentEventHandler(ILogger<LoggingPaymentEventHandler> logger) : IPaymentEventHandler
{
    public Task HandleAsync(PaymentEvent paymentEvent, CancellationToken cancellationToken)
    {
        logger.LogInformation(
            "Payment event {EventId} {EventType} for {PreauthId} (order {OrderReference}, {Amount}) received; no handler is registered.",
            paymentEvent.Id, paymentEvent.Type, paymentEvent.PreauthId, paymentEvent.OrderReference, paymentEvent.Amount);
        return Task.CompletedTask;
    }
}
