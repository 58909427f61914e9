using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Core.Orders;

/// <summary>
/// Every state change of an order starts here: the order's row is locked for the rest of the caller's transaction,
/// so a payment, an expiry, a fulfillment and a delivery of one order serialise. RLS scopes the lock to the tenant;
/// an order of another tenant is simply not found.
/// </summary>
public static class OrderLocks
{
    /// <summary>Locks the order's row and loads it, tracked, with its lines; null when the tenant has no such order.</summary>
    public static async Task<Order?> LockOrderAsync(this DeliveryDbContext db, Guid orderId, CancellationToken cancellationToken)
    {
        var found = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM orders WHERE id = {orderId} FOR UPDATE")
            .ToListAsync(cancellationToken);
        return found.Count == 0
            ? null
            : await db.Set<Order>().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
    }
}
