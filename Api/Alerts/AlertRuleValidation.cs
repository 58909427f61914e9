using DigitalDelivery.Core.Deliveries.Alerts;

namespace DigitalDelivery.Api.Alerts;

/// <summary>The range each rule's threshold may take; outside it a rule would fire always or never.</summary>
public static class AlertRuleValidation
{
    public static string? Check(string rule, double threshold) => rule switch
    {
        _ when double.IsNaN(threshold) || double.IsInfinity(threshold) => "threshold must be a number.",
        AlertRules.FailureRate when threshold is <= 0 or >= 1 => "threshold is a fraction of attempts, above 0 and below 1 (0.10 is 10 %).",
        AlertRules.ConsecutiveFailures when threshold is < 1 or > 1000 || threshold % 1 != 0 => "threshold is a whole number of failures from 1 to 1000.",
        AlertRules.QueueBacklog when threshold is < 1 or > 10_000_000 || threshold % 1 != 0 => "threshold is a whole number of pending deliveries from 1 to 10,000,000.",
        AlertRules.ResponseTime when threshold is < 100 or > 600_000 => "threshold is in milliseconds, from 100 to 600,000.",
        AlertRules.BreakerOpen when threshold != 0 => "this rule has no threshold; send 0 or leave it out.",
        AlertRules.AutoDisable when threshold is < 1 or > 24 * 90 => "threshold is in hours of continuous failure, from 1 to 2,160 (90 days).",
        _ => null,
    };
}
