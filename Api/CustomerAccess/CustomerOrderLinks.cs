using DigitalDelivery.Core.Entitlements;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.CustomerAccess;

/// <summary>
/// Resolves a customer's page token: one cross-tenant probe by the token's SHA-256 (the unique index), then the
/// request's tenant becomes the link's organization, so everything after it is tenant-isolated as usual.
/// </summary>
public sealed class CustomerOrderLinks(DeliveryDbContext db, TenantContext tenant, TimeProvider time)
{
    public async Task<OrderLinkLookup> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (!DownloadToken.TryHash(token, out var hash))
        {
            return new OrderLinkLookup.Malformed();
        }

        DownloadLink? link;
        using (tenant.BeginCrossTenantAccess())
        {
            link = await db.Set<DownloadLink>().AsNoTracking()
                .SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        }

        // The index found it by equality already; the constant-time compare keeps the check itself free of timing.
        if (link is null || link.Kind != DownloadLinkKinds.Order || !DownloadToken.HashesEqual(hash, link.TokenHash)
            || !link.IsUsableAt(time.GetUtcNow()))
        {
            return new OrderLinkLookup.Unknown();
        }

        tenant.SetOrganization(link.OrganizationId);
        return new OrderLinkLookup.Found(link);
    }
}
