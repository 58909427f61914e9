namespace DigitalDelivery.Core.Payments.Webhooks;

public sealed record RejectedPaymentWebhook(PaymentWebhookRejection Reason) : PaymentWebhookVerification;
