namespace DigitalDelivery.Core.Payments;

/// <summary>
/// The answer to capture, void or refund: <see cref="PaymentOperationSucceeded"/> with the payment's state after
/// the operation, or <see cref="PaymentOperationRefused"/> when the payment's state does not allow it.
/// </summary>
public abstract record PaymentOperationResult
{
    private protected PaymentOperationResult()
    {
    }
}
