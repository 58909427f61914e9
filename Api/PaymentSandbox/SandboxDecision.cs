namespace DigitalDelivery.Api.PaymentSandbox;

/// <summary>What a state check decided: a refusal, or the changed payment and the event to announce.</summary>
internal sealed record SandboxDecision(SandboxOutcome? Refusal, SandboxPaymentRow? Changed, string? EventType, long EventAmount);
