namespace DigitalDelivery.Api.Payments;

/// <summary>The 200 answer to a webhook delivery; <paramref name="Duplicate"/> when the event was handled before.</summary>
public sealed record PaymentWebhookReceipt(string EventId, bool Duplicate);
