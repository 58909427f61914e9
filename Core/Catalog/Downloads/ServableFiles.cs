using DigitalDelivery.Core.Catalog.Assets;
using DigitalDelivery.Core.Catalog.Files;
using DigitalDelivery.Core.Catalog.Products;
using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Core.Catalog.Downloads;

/// <summary>
/// The one question the download side asks the catalog: which file does this asset serve to a buyer? Honours the
/// product's <see cref="AssetUpdatePolicies"/> and answers null for anything not Clean (pending, quarantined,
/// failed scans), so no other code path can serve such a file.
/// </summary>
public sealed class ServableFiles(DeliveryDbContext db, CatalogFileStorage storage)
{
    /// <param name="assetId">The asset bought.</param>
    /// <param name="purchasedVersion">The asset version current when the buyer bought; null for the newest.</param>
    public async Task<ServableFile?> FindAsync(Guid assetId, int? purchasedVersion = null, CancellationToken cancellationToken = default)
    {
        var asset = await db.Set<DigitalAsset>().AsNoTracking()
            .Join(db.Set<Product>(), a => a.ProductId, p => p.Id, (a, p) => new { a.Id, a.CurrentVersion, p.AssetUpdatePolicy })
            .SingleOrDefaultAsync(a => a.Id == assetId, cancellationToken);
        if (asset is null)
        {
            return null;
        }

        var number = asset.AssetUpdatePolicy == AssetUpdatePolicies.AsPurchased && purchasedVersion is { } bought && bought <= asset.CurrentVersion
            ? bought
            : asset.CurrentVersion;
        var file = await db.Set<AssetVersion>().AsNoTracking()
            .Where(v => v.AssetId == assetId && v.Number == number)
            .Join(db.Set<CatalogFile>(), v => v.FileId, f => f.Id, (v, f) => f)
            .SingleOrDefaultAsync(cancellationToken);
        return file is { Status: FileStatuses.Clean }
            ? new ServableFile(file.Id, storage.Container, file.BlobName, file.FileName, file.ContentType, file.SizeBytes, file.Sha256, number)
            : null;
    }
}
