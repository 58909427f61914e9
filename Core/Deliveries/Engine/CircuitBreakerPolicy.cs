namespace DigitalDelivery.Core.Deliveries.Engine;

/// <summary>
/// Per destination: after 10 failures in a row the breaker opens for 5 minutes and deliveries wait instead of
/// spending attempts on a destination that is down. When that time has passed the breaker is half-open: deliveries
/// go through as trials, 3 successes close it and any failure opens it again for another period. Waiting deliveries
/// come back spread over a tenth of the open period, so the trials are not a stampede. The state is on the
/// destination's row (every replica sees it). Defaults from the design seed's CircuitBreakerConfig.
/// </summary>
public sealed record CircuitBreakerPolicy
{
    public int FailureThreshold { get; init; } = 10;
    public TimeSpan OpenFor { get; init; } = TimeSpan.FromMinutes(5);
    public int HalfOpenSuccesses { get; init; } = 3;

    /// <summary>When a delivery that found the breaker open tries again: after it closes, spread by <paramref name="random"/>.</summary>
    public DateTimeOffset WaitUntil(DateTimeOffset openUntil, double random) => openUntil + OpenFor / 10 * random;
}
