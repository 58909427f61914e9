namespace DigitalDelivery.Core.Payments.Webhooks;

public static class PaymentEventTypes
{
    public const string Authorized = "payment.authorized";
    public const string Declined = "payment.declined";
    public const string Captured = "payment.captured";
    public const string Voided = "payment.voided";
    public const string Refunded = "payment.refunded";
}
