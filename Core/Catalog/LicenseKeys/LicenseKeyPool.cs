using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Catalog.LicenseKeys;

/// <summary>
/// Per product: the secret that keys the duplicate-detection hashes of its license keys, and the low-stock rule.
/// <see cref="LowStockNotifiedAt"/> remembers that a notice went out, so one dip below the threshold raises one
/// notice; restocking above it clears the mark.
/// </summary>
public sealed class LicenseKeyPool : ITenantOwned
{
    public Guid ProductId { get; init; }
    public Guid OrganizationId { get; init; }
    public required byte[] HashKey { get; init; }
    public int? LowStockThreshold { get; set; }
    public DateTimeOffset? LowStockNotifiedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; } = 1;
}
