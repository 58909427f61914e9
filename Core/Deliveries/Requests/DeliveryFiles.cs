using DigitalDelivery.Core.Catalog.Files;
using DigitalDelivery.Core.Deliveries.Handlers;
using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Core.Deliveries.Requests;

/// <summary>
/// The catalog files a delivery carries, read the same way wherever they are needed (a request's validation, each
/// attempt, a download link): only the tenant's files, only clean ones, in the order the request named them, with
/// names made unique within the delivery (a second <c>manual.pdf</c> becomes <c>manual (2).pdf</c>) so no file
/// overwrites another at its destination.
/// </summary>
public static class DeliveryFiles
{
    public const int MaxPerDelivery = 20;

    /// <summary>The clean files among <paramref name="ids"/>; a missing one means deleted, infected or another tenant's.</summary>
    public static async Task<List<DeliveryFile>> LoadAsync(DeliveryDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var found = await db.Set<CatalogFile>().AsNoTracking()
            .Where(f => ids.Contains(f.Id) && f.Status == FileStatuses.Clean)
            .Select(f => new DeliveryFile(f.Id, f.FileName, f.ContentType, f.SizeBytes, f.Sha256, f.BlobName))
            .ToDictionaryAsync(f => f.Id, cancellationToken);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var files = new List<DeliveryFile>(found.Count);
        foreach (var id in ids)
        {
            if (found.TryGetValue(id, out var file))
            {
                files.Add(file with { Name = Unique(file.Name, names) });
            }
        }

        return files;
    }

    public static Task<bool> AvailableAsync(DeliveryDbContext db, Guid deliveryId, Guid fileId, CancellationToken cancellationToken) =>
        db.Set<Delivery>().AnyAsync(d => d.Id == deliveryId && d.FileIds.Contains(fileId)
            && db.Set<CatalogFile>().Any(f => f.Id == fileId && f.Status == FileStatuses.Clean), cancellationToken);

    private static string Unique(string name, HashSet<string> taken)
    {
        if (taken.Add(name))
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        var stem = name[..^extension.Length];
        for (var n = 2; ; n++)
        {
            var candidate = $"{stem} ({n}){extension}";
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
