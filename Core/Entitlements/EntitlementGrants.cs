using DigitalDelivery.Core.Catalog.Assets;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Core.Entitlements;

/// <summary>
/// Grants the customer of an order one <see cref="DownloadAccess"/> per asset of each line's product, with the
/// asset's limits at the time of the grant: a download limit multiplied by the quantity bought, and an expiry
/// counted from now. Lines that already have their grants are skipped (the unique index on line and asset
/// backs this), so fulfillment can run again after a crash. The caller saves, in its transaction.
/// </summary>
public sealed class EntitlementGrants(DeliveryDbContext db, TimeProvider time)
{
    /// <returns>The grants added now (none for a line granted before).</returns>
    public async Task<IReadOnlyList<DownloadAccess>> GrantAsync(Order order, CancellationToken cancellationToken)
    {
        var lineIds = order.Lines.Select(l => l.Id).ToList();
        var productIds = order.Lines.Select(l => l.ProductId).Distinct().ToList();
        var existing = await db.Set<DownloadAccess>().AsNoTracking()
            .Where(a => lineIds.Contains(a.OrderLineId))
            .Select(a => new { a.OrderLineId, a.AssetId })
            .ToListAsync(cancellationToken);
        var granted = existing.Select(e => (e.OrderLineId, e.AssetId)).ToHashSet();
        var assets = await db.Set<DigitalAsset>().AsNoTracking()
            .Where(a => productIds.Contains(a.ProductId))
            .OrderBy(a => a.CreatedAt)
            .ToListAsync(cancellationToken);

        var now = time.GetUtcNow();
        var added = new List<DownloadAccess>();
        foreach (var line in order.Lines)
        {
            foreach (var asset in assets.Where(a => a.ProductId == line.ProductId && !granted.Contains((line.Id, a.Id))))
            {
                var access = new DownloadAccess
                {
                    Id = Guid.CreateVersion7(now),
                    OrganizationId = order.OrganizationId,
                    OrderId = order.Id,
                    OrderLineId = line.Id,
                    ProductId = line.ProductId,
                    AssetId = asset.Id,
                    AssetVersion = asset.CurrentVersion,
                    CustomerEmail = order.CustomerEmail,
                    MaxDownloads = asset.MaxDownloads * line.Quantity,
                    GrantedAt = now,
                    ExpiresAt = asset.ExpiresAfterDays is { } days ? now.AddDays(days) : null,
                    NotifyCustomerOnExpiry = asset.NotifyCustomerOnExpiry,
                };
                db.Add(access);
                added.Add(access);
            }
        }

        return added;
    }
}
