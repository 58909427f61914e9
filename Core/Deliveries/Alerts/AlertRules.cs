namespace DigitalDelivery.Core.Deliveries.Alerts;

/// <summary>
/// The rules health monitoring checks, with the design seed's thresholds as defaults (each can be changed or turned
/// off per organization, <see cref="AlertRuleSetting"/>). Rate and time rules look at the last
/// <see cref="AlertPolicy.Window"/> of attempts; the others at the destination's current state.
/// </summary>
public static class AlertRules
{
    /// <summary>Failed attempts over all attempts in the window, above the threshold (a fraction).</summary>
    public const string FailureRate = "failure_rate";

    /// <summary>Failed attempts in a row, above the threshold.</summary>
    public const string ConsecutiveFailures = "consecutive_failures";

    /// <summary>The organization's pending deliveries, above the threshold (not tied to one destination).</summary>
    public const string QueueBacklog = "queue_backlog";

    /// <summary>Average attempt duration in the window, above the threshold (milliseconds).</summary>
    public const string ResponseTime = "response_time";

    /// <summary>The destination's circuit breaker is open (or half-open, not yet closed again).</summary>
    public const string BreakerOpen = "breaker_open";

    /// <summary>Failing without a success for the threshold (hours): the destination is disabled, with this alert as its notice.</summary>
    public const string AutoDisable = "auto_disable";

    public static IReadOnlyList<AlertRule> Defaults { get; } =
    [
        new(FailureRate, true, 0.10, "fraction of attempts"),
        new(ConsecutiveFailures, true, 5, "failures in a row"),
        new(QueueBacklog, true, 1000, "pending deliveries"),
        new(ResponseTime, true, 30_000, "milliseconds"),
        new(BreakerOpen, true, 0, "none"),
        new(AutoDisable, true, 72, "hours of continuous failure"),
    ];

    public static bool IsKnown(string rule) => Defaults.Any(d => d.Name == rule);
}
