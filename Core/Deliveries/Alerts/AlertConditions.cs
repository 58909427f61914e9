using System.Globalization;
using DigitalDelivery.Core.Deliveries.Destinations;
using DigitalDelivery.Core.Deliveries.Health;

namespace DigitalDelivery.Core.Deliveries.Alerts;

/// <summary>
/// Which of the organization's rules are broken, from its destinations' state and attempt window and its backlog.
/// Pure: the monitor reads the inputs and acts on the answer. A disabled destination breaks no rule but the
/// automatic-disable notice: an operator stopped it, or it was stopped for failing.
/// </summary>
public static class AlertConditions
{
    /// <param name="pendingDeliveries">The organization's pending deliveries, counted up to the backlog threshold plus one.</param>
    public static IReadOnlyList<AlertCondition> Evaluate(
        IEnumerable<Destination> destinations, IReadOnlyDictionary<Guid, DestinationWindowStats> window, long pendingDeliveries,
        AlertPolicy policy, DateTimeOffset now)
    {
        var found = new List<AlertCondition>();
        foreach (var destination in destinations)
        {
            if (!destination.Enabled)
            {
                if (destination.DisabledBy == DestinationDisabling.Automatic && policy.Active(AlertRules.AutoDisable) is { } disabled)
                {
                    found.Add(new(disabled.Name, destination.Id, (now - (destination.FailingSince ?? now)).TotalHours, disabled.Threshold,
                        $"{destination.Name} was disabled: {destination.DisabledReason}. Fix it, then enable it again."));
                }

                continue;
            }

            var stats = window.GetValueOrDefault(destination.Id) ?? DestinationWindowStats.Empty(destination.Id);
            if (policy.Active(AlertRules.FailureRate) is { } rate && stats.Attempts >= AlertPolicy.MinimumAttemptsForRate
                && stats.FailureRate is { } failureRate && failureRate > rate.Threshold)
            {
                found.Add(new(rate.Name, destination.Id, failureRate, rate.Threshold, Invariant(
                    $"{destination.Name}: {failureRate:P0} of {stats.Attempts} attempts failed in the last {AlertPolicy.Window.TotalMinutes:0} minutes (threshold {rate.Threshold:P0}).")));
            }

            if (policy.Active(AlertRules.ConsecutiveFailures) is { } consecutive && destination.ConsecutiveFailures > consecutive.Threshold)
            {
                found.Add(new(consecutive.Name, destination.Id, destination.ConsecutiveFailures, consecutive.Threshold, Invariant(
                    $"{destination.Name}: {destination.ConsecutiveFailures} attempts in a row failed (threshold {consecutive.Threshold}), failing since {destination.FailingSince:u}.")));
            }

            if (policy.Active(AlertRules.ResponseTime) is { } slow && stats.AverageMs is { } average && average > slow.Threshold)
            {
                found.Add(new(slow.Name, destination.Id, average, slow.Threshold, Invariant(
                    $"{destination.Name}: attempts took {average / 1000:0.0} s on average over the last {AlertPolicy.Window.TotalMinutes:0} minutes (threshold {slow.Threshold / 1000:0.0} s).")));
            }

            if (policy.Active(AlertRules.BreakerOpen) is { } breaker && destination.BreakerOpenUntil is { } openUntil)
            {
                var state = openUntil > now ? Invariant($"open until {openUntil:u}") : "half-open, waiting for trial deliveries to succeed";
                found.Add(new(breaker.Name, destination.Id, destination.ConsecutiveFailures, breaker.Threshold,
                    $"{destination.Name}: the circuit breaker is {state}; deliveries wait instead of being attempted."));
            }
        }

        if (policy.Active(AlertRules.QueueBacklog) is { } backlog && pendingDeliveries > backlog.Threshold)
        {
            // The count stops at the threshold plus one (counting further would only cost): "more than" is exact.
            found.Add(new(backlog.Name, null, pendingDeliveries, backlog.Threshold, Invariant(
                $"More than {backlog.Threshold:0} deliveries are pending: events arrive faster than destinations take them, or destinations are down.")));
        }

        return found;
    }

    /// <summary>Destinations failing without a success for longer than the automatic-disable rule allows.</summary>
    public static IEnumerable<Destination> DueForDisabling(IEnumerable<Destination> destinations, AlertPolicy policy, DateTimeOffset now) =>
        policy.Active(AlertRules.AutoDisable) is { } rule
            ? destinations.Where(d => d.Enabled && d.FailingSince is { } since && now - since >= TimeSpan.FromHours(rule.Threshold))
            : [];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
