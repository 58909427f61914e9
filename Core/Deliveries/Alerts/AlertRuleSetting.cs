using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Deliveries.Alerts;

/// <summary>An organization's change to one of <see cref="AlertRules"/>; a rule without one keeps its default.</summary>
public sealed class AlertRuleSetting : ITenantOwned
{
    public Guid OrganizationId { get; init; }
    public required string Rule { get; init; }
    public bool Enabled { get; set; }
    public double Threshold { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
