namespace DigitalDelivery.Core.Payments;

/// <summary>
/// How the platform calls the payment processor (configuration section Payments:Provider). The whole call,
/// retries included, must finish within <see cref="Timeout"/> (2–3 s), so a saga step never waits longer.
/// </summary>
public sealed class PaymentProviderOptions
{
    public const string Section = "Payments:Provider";

    /// <summary>Where the processor listens; by default the sandbox inside the Api, found by service discovery.</summary>
    public string BaseAddress { get; set; } = "https+http://api";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2.5);

    /// <summary>Retries of connection failures and 502/503/504 inside the timeout; safe because the idempotency key goes along.</summary>
    public int MaxRetryAttempts { get; set; } = 1;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public double CircuitBreakerFailureRatio { get; set; } = 0.5;
    public int CircuitBreakerMinimumThroughput { get; set; } = 5;
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    internal bool IsValid() =>
        Uri.TryCreate(BaseAddress, UriKind.Absolute, out _)
        && Timeout > TimeSpan.Zero && Timeout <= TimeSpan.FromSeconds(30)
        && MaxRetryAttempts is >= 0 and <= 3
        && RetryDelay >= TimeSpan.Zero;
}
