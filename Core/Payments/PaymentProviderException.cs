namespace DigitalDelivery.Core.Payments;

/// <summary>Base of the exceptions <see cref="IPaymentProvider"/> throws; business refusals are results instead.</summary>
public abstract class PaymentProviderException : Exception
{
    protected PaymentProviderException()
    {
    }

    protected PaymentProviderException(string message)
        : base(message)
    {
    }

    protected PaymentProviderException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
