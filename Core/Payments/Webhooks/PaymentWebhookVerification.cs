namespace DigitalDelivery.Core.Payments.Webhooks;

/// <summary><see cref="VerifiedPaymentWebhook"/> or <see cref="RejectedPaymentWebhook"/>.</summary>
public abstract record PaymentWebhookVerification
{
    private protected PaymentWebhookVerification()
    {
    }
}
