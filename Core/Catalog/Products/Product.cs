using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Catalog.Products;

/// <summary>
/// Something a merchant sells. The price is in the currency's minor units (cents, yen). A null
/// <see cref="StockLimit"/> means unlimited; a number makes a limited edition of that many sales.
/// </summary>
public sealed class Product : ITenantOwned
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public required string Sku { get; set; }

    /// <summary>Upper-case <see cref="Sku"/>: SKUs are unique per tenant regardless of case.</summary>
    public required string NormalizedSku { get; set; }

    public required string Name { get; set; }
    public string? Description { get; set; }
    public required string Type { get; set; }
    public long PriceMinor { get; set; }
    public required string Currency { get; set; }
    public string Status { get; set; } = ProductStatuses.Draft;
    public int? StockLimit { get; set; }

    /// <summary>One of <see cref="AssetUpdatePolicies"/>.</summary>
    public string AssetUpdatePolicy { get; set; } = AssetUpdatePolicies.Latest;

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; } = 1;

    public static string Normalize(string sku) => sku.ToUpperInvariant();
}
