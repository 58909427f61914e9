using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Core.Catalog.LicenseKeys;

/// <summary>
/// Gives one available key of a product to a buyer. The claim is a single statement: it takes the oldest
/// available row with <c>FOR UPDATE SKIP LOCKED</c> and marks it assigned, so concurrent callers each get a
/// different key (or none) and never wait for one another. Call it inside the order's transaction so the key is
/// assigned if and only if the order commits.
/// </summary>
public sealed class LicenseKeyAssigner(DeliveryDbContext db, LicenseKeyCodec codec, LicenseKeyPools pools, TimeProvider time)
{
    /// <returns>The key, or null when the pool has none left.</returns>
    public async Task<AssignedLicenseKey?> AssignAsync(Guid productId, string assignedTo, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assignedTo);
        var now = time.GetUtcNow();
        var claimed = await db.Database.SqlQuery<ClaimedKey>($"""
            UPDATE license_keys SET assigned_at = {now}, assigned_to = {assignedTo}
            WHERE id = (
                SELECT id FROM license_keys
                WHERE product_id = {productId} AND assigned_at IS NULL
                ORDER BY id LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Id", protected_key AS "ProtectedKey"
            """).ToListAsync(cancellationToken);
        if (claimed is not [var key])
        {
            return null;
        }

        if (await pools.FindAsync(productId, cancellationToken) is { LowStockThreshold: not null } pool)
        {
            await pools.EvaluateLowStockAsync(pool, await pools.CountAsync(productId, pool.LowStockThreshold, cancellationToken), cancellationToken);
        }

        return new AssignedLicenseKey(key.Id, codec.Unprotect(key.ProtectedKey));
    }

    private sealed record ClaimedKey(long Id, string ProtectedKey);
}
