using System.Text;
using DigitalDelivery.Core.Payments;
using DigitalDelivery.Core.Payments.Webhooks;

namespace DigitalDelivery.Tests.Payments;

/// <summary>Payment events and signed deliveries made by tests, as the processor would make them.</summary>
public static class PaymentEvents
{
    public static PaymentEvent Captured(string? eventId = null) => new(
        eventId ?? $"evt_{Guid.NewGuid():N}",
        PaymentEventTypes.Captured,
        DateTimeOffset.UtcNow,
        $"pa_{Guid.NewGuid():N}",
        new Money(1999, "EUR"),
        $"order-{Guid.NewGuid():N}");

    public static byte[] Body(PaymentEvent paymentEvent) => PaymentEventJson.Serialize(paymentEvent);

    public static string Sign(byte[] body, DateTimeOffset at, params string[] secrets) =>
        PaymentWebhookSignature.CreateHeader(at.ToUnixTimeSeconds(), secrets, body);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
