using System.Security.Cryptography;
using DigitalDelivery.Core.Deliveries;
using DigitalDelivery.Core.Notices;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Core.Catalog.LicenseKeys;

/// <summary>
/// A product's license key pool for the scope's tenant: import (duplicates dropped and reported), counts, and the
/// low-stock rule. Imports into one pool are serialised by a row lock on the pool, so two concurrent imports
/// cannot both add the same key.
/// </summary>
public sealed class LicenseKeyPools(
    DeliveryDbContext db, ITenantContext tenant, LicenseKeyCodec codec, TenantNotices notices, MerchantEvents events, TimeProvider time)
{
    public Task<LicenseKeyPool?> FindAsync(Guid productId, CancellationToken cancellationToken) =>
        db.Set<LicenseKeyPool>().SingleOrDefaultAsync(p => p.ProductId == productId, cancellationToken);

    /// <summary>The pool, created (with a fresh hash key) when the product has none yet. Call inside a transaction.</summary>
    public async Task<LicenseKeyPool> GetOrCreateLockedAsync(Guid productId, CancellationToken cancellationToken)
    {
        var organizationId = tenant.OrganizationId ?? throw new InvalidOperationException("A license key pool needs a tenant.");
        var hashKey = RandomNumberGenerator.GetBytes(32);
        var now = time.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO license_key_pools (product_id, organization_id, hash_key, updated_at, version)
            VALUES ({productId}, {organizationId}, {hashKey}, {now}, 1) ON CONFLICT (product_id) DO NOTHING
            """, cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM license_key_pools WHERE product_id = {productId} FOR UPDATE", cancellationToken);
        return await db.Set<LicenseKeyPool>().SingleAsync(p => p.ProductId == productId, cancellationToken);
    }

    public async Task<LicenseKeyCounts> CountAsync(Guid productId, int? threshold, CancellationToken cancellationToken)
    {
        var counts = await db.Set<LicenseKey>().Where(k => k.ProductId == productId)
            .GroupBy(k => k.AssignedAt == null)
            .Select(g => new { Available = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new LicenseKeyCounts(
            counts.Where(c => c.Available).Sum(c => c.Count),
            counts.Where(c => !c.Available).Sum(c => c.Count),
            threshold);
    }

    /// <summary>Adds the keys that are new to the pool; the caller commits (with its audit entry).</summary>
    public async Task<ImportedKeys> ImportAsync(Guid productId, ParsedKeys parsed, CancellationToken cancellationToken)
    {
        var pool = await GetOrCreateLockedAsync(productId, cancellationToken);
        var hashed = parsed.Keys.Select(k => (k.Line, k.Key, Hash: LicenseKeyCodec.Hash(pool.HashKey, k.Key))).ToList();
        var candidates = hashed.Select(k => k.Hash).ToList();
        var existing = (await db.Set<LicenseKey>()
                .Where(k => k.ProductId == productId && candidates.Contains(k.KeyHash))
                .Select(k => k.KeyHash)
                .ToListAsync(cancellationToken))
            .Select(Convert.ToHexString)
            .ToHashSet(StringComparer.Ordinal);

        var importId = Guid.CreateVersion7();
        var now = time.GetUtcNow();
        var duplicates = new List<(int, string)>();
        var imported = 0;
        foreach (var (line, key, hash) in hashed)
        {
            var hint = LicenseKeyCodec.Hint(key);
            if (!existing.Add(Convert.ToHexString(hash)))
            {
                duplicates.Add((line, LicenseKeyCodec.Mask(hint)));
                continue;
            }

            db.Add(new LicenseKey
            {
                OrganizationId = pool.OrganizationId,
                ProductId = productId,
                KeyHash = hash,
                ProtectedKey = codec.Protect(key),
                Hint = hint,
                ImportId = importId,
                ImportedAt = now,
            });
            imported++;
        }

        pool.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        var counts = await CountAsync(productId, pool.LowStockThreshold, cancellationToken);
        await EvaluateLowStockAsync(pool, counts, cancellationToken);
        return new ImportedKeys(imported, duplicates, parsed.Invalid, counts);
    }

    /// <summary>
    /// Raises one low-stock notice when the available count is at or below the threshold and none was raised since
    /// the pool was last above it; clears the mark once it is above again.
    /// </summary>
    public async Task EvaluateLowStockAsync(LicenseKeyPool pool, LicenseKeyCounts counts, CancellationToken cancellationToken)
    {
        var raise = counts.LowStock && pool.LowStockNotifiedAt is null;
        if (raise)
        {
            pool.LowStockNotifiedAt = time.GetUtcNow();
            notices.Raise(NoticeKinds.LicenseKeysLow, NoticeSeverities.Warning,
                $"Only {counts.Available} license keys are left for product {pool.ProductId} (threshold {pool.LowStockThreshold}). Import more keys.",
                "product", pool.ProductId.ToString());
        }
        else if (!counts.LowStock && pool.LowStockNotifiedAt is not null)
        {
            pool.LowStockNotifiedAt = null;
        }

        // The mark, the notice and the merchant event commit together: in the caller's transaction when there is one.
        var own = raise && db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (own)
        {
            await db.SaveChangesAsync(cancellationToken);
            if (raise)
            {
                await events.PublishAsync(pool.OrganizationId, MerchantEventTypes.LicenseKeysLowStock,
                    $"{pool.ProductId:N}:{pool.LowStockNotifiedAt!.Value.ToUnixTimeMilliseconds()}",
                    new LicenseKeysLowStockData(pool.ProductId, counts.Available, pool.LowStockThreshold!.Value), cancellationToken);
            }

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
    }
}
