namespace DigitalDelivery.Core.Deliveries.Webhooks;

/// <summary>
/// What one webhook call came to. Retryable: timeouts, connection failures, 408, 429 and 5xx; anything else that
/// is not 2xx is the receiver's answer and will not change by asking again.
/// </summary>
public sealed record WebhookOutcome(int? Status, string? Error, TimeSpan Duration, TimeSpan? RetryAfter)
{
    public bool Succeeded => Status is >= 200 and < 300;

    public bool Retryable => !Succeeded && (Status is null or 408 or 429 or >= 500);
}
