using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Orders;

/// <summary>One product of an order, with the SKU, name and price copied at purchase (the product may change later).</summary>
public sealed class OrderLine : ITenantOwned
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid OrderId { get; init; }
    public Guid ProductId { get; init; }
    public required string Sku { get; init; }
    public required string ProductName { get; init; }
    public required string ProductType { get; init; }
    public int Quantity { get; init; }
    public long UnitPriceMinor { get; init; }
    public long LineTotalMinor { get; init; }

    /// <summary>How many units this line holds in <see cref="ProductStock"/> (0 for unlimited products or after release).</summary>
    public int ReservedQuantity { get; set; }
}
