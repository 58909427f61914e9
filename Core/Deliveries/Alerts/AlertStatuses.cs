namespace DigitalDelivery.Core.Deliveries.Alerts;

/// <summary>Open until its condition clears or an operator resolves it; acknowledged means someone is on it (no escalation).</summary>
public static class AlertStatuses
{
    public const string Open = "open";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";
}
