using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Catalog.Delivery;

/// <summary>A tenant's delivery configuration for products that do not override it. Absent row: <see cref="DeliverySettings.BuiltIn"/>.</summary>
public sealed class DeliveryDefaults : ITenantOwned
{
    public Guid OrganizationId { get; init; }
    public bool AutoFulfillOnPayment { get; set; }
    public string[] Destinations { get; set; } = [];
    public int RetryMaxAttempts { get; set; }
    public int RetryBaseDelaySeconds { get; set; }
    public int RetryMaxDelaySeconds { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; } = 1;
}
