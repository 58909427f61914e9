using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Catalog.Delivery;

/// <summary>A product's overrides of its tenant's <see cref="DeliveryDefaults"/>: every null field inherits.</summary>
public sealed class ProductDeliveryConfig : ITenantOwned
{
    public Guid ProductId { get; init; }
    public Guid OrganizationId { get; init; }
    public bool? AutoFulfillOnPayment { get; set; }
    public string[]? Destinations { get; set; }
    public int? RetryMaxAttempts { get; set; }
    public int? RetryBaseDelaySeconds { get; set; }
    public int? RetryMaxDelaySeconds { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; } = 1;
}
