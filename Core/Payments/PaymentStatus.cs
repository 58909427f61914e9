namespace DigitalDelivery.Core.Payments;

/// <summary>A payment's life at the processor: authorised, then captured (and maybe refunded) or voided.</summary>
public enum PaymentStatus
{
    Authorized,
    Declined,
    Captured,
    PartiallyRefunded,
    Refunded,
    Voided,
}
