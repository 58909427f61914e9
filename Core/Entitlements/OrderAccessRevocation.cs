using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Core.Entitlements;

/// <summary>
/// Takes back everything an order granted (a refund): every entitlement is revoked with the reason and every link
/// retired, in two statements inside the caller's transaction. The download side checks revocation on each
/// request, so a download in progress stops at its next request. License keys stay assigned: a key the customer
/// has seen cannot be taken back, and the revocation is what records that it is no longer honoured.
/// </summary>
public sealed class OrderAccessRevocation(DeliveryDbContext db, TimeProvider time)
{
    /// <returns>How many entitlements were revoked now (ones revoked before keep their first reason).</returns>
    public async Task<int> RevokeAsync(Guid orderId, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var revoked = await db.Set<DownloadAccess>()
            .Where(a => a.OrderId == orderId && a.RevokedAt == null)
            .ExecuteUpdateAsync(
                s => s.SetProperty(a => a.RevokedAt, now).SetProperty(a => a.RevokedReason, reason).SetProperty(a => a.Version, a => a.Version + 1),
                cancellationToken);
        await db.Set<DownloadLink>()
            .Where(l => l.OrderId == orderId && l.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now), cancellationToken);
        return revoked;
    }
}
