namespace DigitalDelivery.Core.Payments.Webhooks;

/// <summary>A payment event id that was handled once; its row is what makes a redelivery a no-op.</summary>
public sealed class ProcessedPaymentEvent
{
    public required string EventId { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}
