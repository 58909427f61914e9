namespace DigitalDelivery.Core.Deliveries.Alerts;

/// <summary>One rule as it applies to an organization: the default, or the organization's own setting.</summary>
public sealed record AlertRule(string Name, bool Enabled, double Threshold, string Unit);
