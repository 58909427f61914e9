namespace DigitalDelivery.Core.Deliveries.Engine;

/// <summary>
/// When a failed delivery tries again: 1 s doubling to at most 5 min, ±10 % jitter so a destination that comes back
/// is not hit by every delivery at once, 5 attempts in all unless the destination says otherwise. A Retry-After
/// from the destination wins when it asks for longer (capped at an hour, so a hostile header cannot park a
/// delivery forever). Defaults from the design seed's RetryConfig.
/// </summary>
public sealed record DeliveryRetryPolicy
{
    public int MaxAttempts { get; init; } = 5;
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(5);
    public double Jitter { get; init; } = 0.1;
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromHours(1);

    /// <param name="failedAttempts">Attempts made so far (1 after the first failure).</param>
    /// <param name="random">A number in [0, 1): the jitter's draw.</param>
    public TimeSpan DelayAfter(int failedAttempts, double random, TimeSpan? retryAfter = null)
    {
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, failedAttempts - 1));
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        var jittered = TimeSpan.FromMilliseconds(capped * (1 + Jitter * ((2 * random) - 1)));
        return retryAfter is { } asked && asked > jittered
            ? (asked < MaxRetryAfter ? asked : MaxRetryAfter)
            : jittered;
    }
}
