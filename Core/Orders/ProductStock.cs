using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Orders;

/// <summary>
/// The orders' side of a product's availability: units held by unpaid orders and units sold. A row exists for
/// every product that has ever been reserved. Changed only by single conditional UPDATE statements
/// (<see cref="StockReservations"/>), never read and written back.
/// </summary>
public sealed class ProductStock : ITenantOwned
{
    public Guid ProductId { get; init; }
    public Guid OrganizationId { get; init; }
    public int Reserved { get; init; }
    public int Sold { get; init; }
}
