namespace DigitalDelivery.Api.PaymentSandbox;

/// <summary>
/// The sandbox card processor (configuration section Payments:Sandbox; the webhook secret itself is bound by
/// Core's PaymentWebhookOptions from the same section). On in Development, off elsewhere unless Enabled is true.
/// </summary>
public sealed class PaymentSandboxOptions
{
    public const string Section = "Payments:Sandbox";

    public bool? Enabled { get; set; }

    /// <summary>Where webhooks go: absolute, or a path on this Api's own first listening address.</summary>
    public string WebhookUrl { get; set; } = "/api/v1/payments/webhooks/sandbox";

    /// <summary>How long the processor "hangs" for the timeout test card before giving up with 504.</summary>
    public TimeSpan HangDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Fallback poll of the webhook outbox; a committed change wakes the sender at once.</summary>
    public TimeSpan WebhookPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>First retry delay; each next one is six times longer (5 s, 30 s, 3 min, 18 min, ...), at most <see cref="WebhookMaxRetryDelay"/>.</summary>
    public TimeSpan WebhookRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan WebhookMaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Deliveries tried before the event is given up (kept in the outbox with next_attempt_at NULL).</summary>
    public int WebhookMaxAttempts { get; set; } = 12;

    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>($"{Section}:{nameof(Enabled)}") ?? environment.IsDevelopment();

    internal TimeSpan RetryDelay(int attempts)
    {
        var exponent = Math.Min(Math.Max(attempts - 1, 0), 10);
        var delay = WebhookRetryBaseDelay * Math.Pow(6, exponent);
        var capped = delay < WebhookMaxRetryDelay ? delay : WebhookMaxRetryDelay;
        // ±20 % so a burst of failures does not come back as a burst (Svix's schedule does the same).
        return capped * (0.8 + (Random.Shared.NextDouble() * 0.4));
    }
}
