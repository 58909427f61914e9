namespace DigitalDelivery.Api.PaymentSandbox;

/// <summary>A claimed outbox row: the exact bytes to sign and send.</summary>
internal sealed record SandboxWebhook(string EventId, string EventType, byte[] Payload, int Attempts, DateTimeOffset CreatedAt);
