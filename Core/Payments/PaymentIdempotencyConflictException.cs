namespace DigitalDelivery.Core.Payments;

/// <summary>
/// The idempotency key was used before for a different request (the processor answered 422). Always a bug in the
/// caller: keys must be derived from exactly one operation on one payment.
/// </summary>
public sealed class PaymentIdempotencyConflictException : PaymentProviderException
{
    public PaymentIdempotencyConflictException()
    {
    }

    public PaymentIdempotencyConflictException(string message)
        : base(message)
    {
    }

    public PaymentIdempotencyConflictException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
