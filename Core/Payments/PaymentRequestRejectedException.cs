namespace DigitalDelivery.Core.Payments;

/// <summary>The processor rejected the request as malformed (400): a bug in the caller or a contract mismatch.</summary>
public sealed class PaymentRequestRejectedException : PaymentProviderException
{
    public PaymentRequestRejectedException()
    {
    }

    public PaymentRequestRejectedException(string message)
        : base(message)
    {
    }

    public PaymentRequestRejectedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
