namespace DigitalDelivery.Core.Deliveries.Engine;

/// <summary>
/// Per destination: after 10 failures in a row the breaker opens for 5 minutes and deliveries wait instead of
/// spending attempts on a destination that is down; when it has passed, the next attempt is the half-open probe:
/// a success closes it, a failure opens it again. The state is on the destination's row (every replica sees it).
/// Defaults from the design seed's CircuitBreakerConfig.
/// </summary>
public sealed record CircuitBreakerPolicy
{
    public int FailureThreshold { get; init; } = 10;
    public TimeSpan OpenFor { get; init; } = TimeSpan.FromMinutes(5);
}
