namespace DigitalDelivery.Core.Deliveries.Handlers.Webhook;

/// <summary>A webhook destination's settings: where to POST, and how long to wait for an answer.</summary>
public sealed record WebhookConfig(string Url, int? TimeoutSeconds = null)
{
    public const int MaxTimeoutSeconds = 30;
    public const int DefaultTimeoutSeconds = 10;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds ?? DefaultTimeoutSeconds);
}
