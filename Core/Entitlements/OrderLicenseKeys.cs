using DigitalDelivery.Core.Catalog.LicenseKeys;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Core.Entitlements;

/// <summary>
/// The license keys an order's lines were given, decrypted for the customer (their page and their mail only).
/// Fulfillment marks a key with <see cref="LicenseKeyAssignee.ForLine"/> of its line; the scope's tenant must be the order's.
/// </summary>
public sealed class OrderLicenseKeys(DeliveryDbContext db, LicenseKeyCodec codec)
{
    public async Task<IReadOnlyList<CustomerLicenseKey>> ListAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        var lines = await db.Set<OrderLine>().AsNoTracking()
            .Where(l => l.OrderId == orderId)
            .Select(l => new { l.Id, l.ProductName })
            .ToListAsync(cancellationToken);
        var byReference = lines.ToDictionary(l => LicenseKeyAssignee.ForLine(l.Id), l => l.ProductName, StringComparer.Ordinal);
        var references = byReference.Keys.ToList();
        var keys = await db.Set<LicenseKey>().AsNoTracking()
            .Where(k => k.AssignedTo != null && references.Contains(k.AssignedTo))
            .OrderBy(k => k.Id)
            .Select(k => new { k.AssignedTo, k.ProtectedKey })
            .ToListAsync(cancellationToken);
        return keys.Select(k => new CustomerLicenseKey(byReference[k.AssignedTo!], codec.Unprotect(k.ProtectedKey))).ToList();
    }
}
