using DigitalDelivery.Core.Deliveries.Alerts;
using DigitalDelivery.Core.Deliveries.Destinations;

namespace DigitalDelivery.Core.Deliveries.Health;

/// <summary>
/// A destination's health at one moment, computed from its row (breaker, failures in a row, why it is disabled) and
/// its attempts, so it is as current as the last attempt written; nothing is copied into a table that could lag.
/// </summary>
public sealed record DestinationHealth(Destination Destination, string Status, DestinationWindowStats Window, DestinationTotals Totals)
{
    public static DestinationHealth From(Destination destination, DestinationWindowStats window, DestinationTotals totals, AlertPolicy policy) =>
        new(destination, StatusOf(destination, window, policy), window, totals);

    public static string StatusOf(Destination destination, DestinationWindowStats window, AlertPolicy policy)
    {
        if (!destination.Enabled)
        {
            return DestinationHealthStatuses.Disabled;
        }

        if (destination.BreakerOpenUntil is not null || destination.ConsecutiveFailures > policy[AlertRules.ConsecutiveFailures].Threshold)
        {
            return DestinationHealthStatuses.Unhealthy;
        }

        var rateTooHigh = window.Attempts >= AlertPolicy.MinimumAttemptsForRate && window.FailureRate > policy[AlertRules.FailureRate].Threshold;
        var tooSlow = window.AverageMs > policy[AlertRules.ResponseTime].Threshold;
        return destination.ConsecutiveFailures > 0 || rateTooHigh || tooSlow ? DestinationHealthStatuses.Degraded : DestinationHealthStatuses.Healthy;
    }
}
