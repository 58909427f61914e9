namespace DigitalDelivery.Core.Deliveries.Alerts;

/// <summary>A rule broken right now, for a destination or (null) the organization, with what was measured.</summary>
public sealed record AlertCondition(string Rule, Guid? DestinationId, double Value, double Threshold, string Message)
{
    public bool IsAbout(Alert alert) => alert.Rule == Rule && alert.DestinationId == DestinationId;
}
