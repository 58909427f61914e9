namespace DigitalDelivery.Core.Payments;

/// <summary>Why the processor refused a capture, void or refund. On the wire: the problem's "code".</summary>
public enum PaymentRefusalReason
{
    /// <summary>No payment has that id.</summary>
    NotFound,

    /// <summary>The payment's status does not allow the operation (capture after void, refund before capture, ...).</summary>
    InvalidState,

    AmountExceedsAuthorized,
    AmountExceedsCaptured,
    CurrencyMismatch,
}
