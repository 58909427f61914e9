namespace DigitalDelivery.DeliveryWorker.Alerting;

/// <summary>How often health monitoring checks each organization's alert rules (Deliveries:Alerting).</summary>
public sealed class AlertingOptions
{
    public const string SectionName = "Deliveries:Alerting";

    /// <summary>
    /// Half a minute: an alert opens within a minute of its condition, and a check of one organization is a handful
    /// of indexed reads, so many organizations fit in the interval.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}
