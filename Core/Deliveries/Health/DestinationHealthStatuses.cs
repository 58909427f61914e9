namespace DigitalDelivery.Core.Deliveries.Health;

/// <summary>
/// Healthy: nothing failing. Degraded: failing now and then (a failure in a row, or the window's failure rate or
/// average response time above the organization's alert thresholds). Unhealthy: the breaker is open or the failures
/// in a row passed the alert threshold. Disabled: stopped by an operator or after continuous failure.
/// </summary>
public static class DestinationHealthStatuses
{
    public const string Healthy = "healthy";
    public const string Degraded = "degraded";
    public const string Unhealthy = "unhealthy";
    public const string Disabled = "disabled";
}
