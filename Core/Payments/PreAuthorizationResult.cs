namespace DigitalDelivery.Core.Payments;

/// <summary>The processor's synchronous answer: <see cref="PreAuthorizationApproved"/> or <see cref="PreAuthorizationDeclined"/>.</summary>
public abstract record PreAuthorizationResult
{
    private protected PreAuthorizationResult()
    {
    }
}
