using DigitalDelivery.Core.Catalog.Products;
using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Core.Orders;

/// <summary>
/// Holds and returns units of limited products inside the caller's transaction. A hold locks the product's
/// <c>product_stock</c> row and then raises <c>reserved</c> with one conditional UPDATE that re-checks the
/// limit (and, for license products, the pool's keys not yet sold or held: a sold unit keeps its key even before
/// fulfillment assigns it), so concurrent buyers queue on the row and
/// never oversell. Because the UPDATE is a new statement after the lock, it sees every committed hold and
/// key assignment. Callers lock products in id order so two orders never deadlock.
/// </summary>
public sealed class StockReservations(DeliveryDbContext db)
{
    /// <summary>Products whose availability is bounded: a stock limit or a license key pool.</summary>
    public static bool NeedsReservation(Product product) =>
        product.StockLimit is not null || product.Type is ProductTypes.LicenseKey or ProductTypes.Bundle;

    /// <returns>False when fewer than <paramref name="quantity"/> units are left; nothing changed then.</returns>
    public async Task<bool> TryReserveAsync(Guid organizationId, Guid productId, int quantity, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO product_stock (product_id, organization_id, reserved, sold)
            VALUES ({productId}, {organizationId}, 0, 0)
            ON CONFLICT (product_id) DO NOTHING
            """, cancellationToken);
        await db.Database.SqlQuery<int>($"""
            SELECT 1 AS "Value" FROM product_stock WHERE product_id = {productId} FOR UPDATE
            """).ToListAsync(cancellationToken);
        var updated = await db.Database.ExecuteSqlAsync($"""
            UPDATE product_stock s SET reserved = s.reserved + {quantity}
            FROM products p
            WHERE s.product_id = {productId} AND p.id = s.product_id
              AND (p.stock_limit IS NULL OR p.stock_limit - s.sold - s.reserved >= {quantity})
              AND (p.type NOT IN ({ProductTypes.LicenseKey}, {ProductTypes.Bundle})
                   OR (SELECT count(*) FROM license_keys k WHERE k.product_id = p.id) - s.sold - s.reserved >= {quantity})
            """, cancellationToken);
        return updated == 1;
    }

    /// <summary>Gives held units back (expiry, cancellation, failed payment).</summary>
    public Task ReleaseAsync(Guid productId, int quantity, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE product_stock SET reserved = reserved - {quantity}
            WHERE product_id = {productId} AND reserved >= {quantity}
            """, cancellationToken);

    /// <summary>Turns held units into sold ones (payment captured).</summary>
    public Task CommitAsync(Guid productId, int quantity, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE product_stock SET reserved = reserved - {quantity}, sold = sold + {quantity}
            WHERE product_id = {productId} AND reserved >= {quantity}
            """, cancellationToken);

    /// <summary>Returns every unit the order's lines still hold and zeroes their <see cref="OrderLine.ReservedQuantity"/>.</summary>
    public async Task ReleaseOrderAsync(Order order, CancellationToken cancellationToken)
    {
        foreach (var line in order.Lines.Where(l => l.ReservedQuantity > 0).OrderBy(l => l.ProductId))
        {
            await ReleaseAsync(line.ProductId, line.ReservedQuantity, cancellationToken);
            line.ReservedQuantity = 0;
        }

        order.ReservationExpiresAt = null;
    }
}
