namespace DigitalDelivery.Api.Alerts;

public static class AlertAuditActions
{
    public const string Acknowledged = "alert.acknowledged";
    public const string Resolved = "alert.resolved";
    public const string RuleChanged = "alert_rule.changed";
}
