using DigitalDelivery.Core.Catalog.Assets;
using DigitalDelivery.Core.Catalog.Downloads;
using DigitalDelivery.Core.Entitlements;
using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.CustomerAccess;

/// <summary>Loads entitlements of the scope's tenant with what the customer page and the admin views show.</summary>
public sealed class EntitlementViews(DeliveryDbContext db, ServableFiles servableFiles, TimeProvider time)
{
    public async Task<IReadOnlyList<EntitlementView>> ForOrderAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<DownloadAccess>().AsNoTracking()
            .Where(a => a.OrderId == orderId)
            .Join(db.Set<DigitalAsset>(), a => a.AssetId, asset => asset.Id, (a, asset) => new { Access = a, asset.Name })
            .OrderBy(r => r.Access.GrantedAt).ThenBy(r => r.Name).ThenBy(r => r.Access.Id)
            .ToListAsync(cancellationToken);
        var views = new List<EntitlementView>(rows.Count);
        foreach (var row in rows)
        {
            views.Add(await ViewAsync(row.Access, row.Name, cancellationToken));
        }

        return views;
    }

    public async Task<EntitlementView?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var access = await db.Set<DownloadAccess>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return access is null ? null : await ViewAsync(access, cancellationToken);
    }

    public async Task<EntitlementView> ViewAsync(DownloadAccess access, CancellationToken cancellationToken)
    {
        var name = await db.Set<DigitalAsset>().AsNoTracking().Where(a => a.Id == access.AssetId).Select(a => a.Name)
            .SingleOrDefaultAsync(cancellationToken);
        return await ViewAsync(access, name ?? "(deleted asset)", cancellationToken);
    }

    private async Task<EntitlementView> ViewAsync(DownloadAccess access, string assetName, CancellationToken cancellationToken)
    {
        var file = await servableFiles.FindAsync(access.AssetId, access.AssetVersion, cancellationToken);
        return new EntitlementView(access, assetName, file, AccessStates.Of(access, time.GetUtcNow(), file is not null));
    }
}
