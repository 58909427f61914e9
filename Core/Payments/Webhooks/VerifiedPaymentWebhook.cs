namespace DigitalDelivery.Core.Payments.Webhooks;

public sealed record VerifiedPaymentWebhook(PaymentEvent Event) : PaymentWebhookVerification;
