namespace DigitalDelivery.Core.Payments;

/// <summary>
/// The processor did not answer in time, its circuit is open, it could not be reached or it failed. The outcome of
/// the call is unknown: the operation may or may not have happened. Retry later with the same idempotency key
/// (the processor then answers what it did the first time), or compensate (void, release, cancel).
/// </summary>
public sealed class PaymentProviderUnavailableException : PaymentProviderException
{
    public PaymentProviderUnavailableException()
    {
    }

    public PaymentProviderUnavailableException(string message)
        : base(message)
    {
    }

    public PaymentProviderUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public PaymentProviderUnavailableException(PaymentProviderUnavailableReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public PaymentProviderUnavailableReason Reason { get; }
}
