namespace DigitalDelivery.Core.Messaging;

/// <summary>
/// Exponential backoff with full jitter: after attempt n fails, the next one waits a random time between zero and
/// min(MaxDelay, BaseDelay * 2^(n-1)). Full jitter spreads a burst of failures (an endpoint that was down) instead
/// of retrying them in lock step. After MaxAttempts the message becomes a dead letter.
/// </summary>
public sealed record RetryPolicy
{
    public RetryPolicy(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        MaxAttempts = maxAttempts;
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
    }

    /// <summary>10 attempts, 1 s doubling up to 10 minutes: about 17 minutes of retries at most.</summary>
    public static RetryPolicy Default { get; } = new(10, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));

    public int MaxAttempts { get; }
    public TimeSpan BaseDelay { get; }
    public TimeSpan MaxDelay { get; }

    /// <summary>The longest wait after the given failed attempt (1-based): the range full jitter draws from.</summary>
    public TimeSpan CeilingAfter(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        // 2^(n-1) overflows quickly; anything past 2^30 times the base is past any sensible cap anyway.
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var ticks = Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * factor);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The wait after the given failed attempt, for a uniform random number in [0, 1).</summary>
    public TimeSpan DelayAfter(int attempt, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(random, 0d);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(random, 1d);
        return TimeSpan.FromTicks((long)(CeilingAfter(attempt).Ticks * random));
    }
}
