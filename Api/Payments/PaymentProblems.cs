namespace DigitalDelivery.Api.Payments;

/// <summary>Stable problem types of the payment webhook endpoint.</summary>
internal static class PaymentProblems
{
    public const string InvalidSignature = "https://digitaldelivery.dev/problems/invalid-signature";
    public const string MalformedPaymentEvent = "https://digitaldelivery.dev/problems/malformed-payment-event";
    public const string PayloadTooLarge = "https://digitaldelivery.dev/problems/payload-too-large";
    public const string WebhooksNotConfigured = "https://digitaldelivery.dev/problems/payment-webhooks-not-configured";
}
