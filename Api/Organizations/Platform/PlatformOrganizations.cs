using DigitalDelivery.Api.Identity;
using DigitalDelivery.Core.Organizations;
using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DigitalDelivery.Api.Organizations.Platform;

/// <summary>
/// What a platform operator does to organizations, for the platform API and <c>Api organizations</c> alike.
/// The organizations table is not tenant-owned, so none of this needs cross-tenant access; creating one does run
/// in a scope of its own, because provisioning makes the new organization that scope's tenant.
/// </summary>
public sealed class PlatformOrganizations(
    DeliveryDbContext db, IServiceScopeFactory scopes, OrganizationSuspensions suspensions, TimeProvider time)
{
    public async Task<IReadOnlyList<Organization>> ListAsync(string? status, int limit, Guid? after, CancellationToken cancellationToken)
    {
        var query = db.Organizations.AsNoTracking();
        query = status switch
        {
            PlatformOrganizationResponse.Active => query.Where(o => o.SuspendedAt == null),
            PlatformOrganizationResponse.Suspended => query.Where(o => o.SuspendedAt != null),
            _ => query,
        };
        if (after is { } cursor)
        {
            // Ids are UUIDv7, so id order is creation order and a stable cursor.
            query = query.Where(o => o.Id.CompareTo(cursor) > 0);
        }

        return await query.OrderBy(o => o.Id).Take(limit).ToListAsync(cancellationToken);
    }

    public Task<Organization?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);

    public Task<Organization?> FindBySlugAsync(string slug, CancellationToken cancellationToken) =>
        db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Slug == slug, cancellationToken);

    /// <summary>Null when the slug is taken (checked first, and again by the unique index when two race).</summary>
    public async Task<ProvisionedOrganization?> CreateAsync(string name, string slug, string ownerEmail, CancellationToken cancellationToken)
    {
        if (await db.Organizations.AnyAsync(o => o.Slug == slug, cancellationToken))
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return await scope.ServiceProvider.GetRequiredService<OrganizationProvisioning>()
                .ProvisionAsync(name.Trim(), slug, ownerEmail.Trim(), Scopes.Tenant, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return null;
        }
    }

    public async Task<Organization?> SuspendAsync(Guid id, string reason, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organization is null)
        {
            return null;
        }

        // Suspending again keeps the first time, so "suspended since" stays true; the reason is the latest.
        organization.SuspendedAt ??= time.GetUtcNow();
        organization.SuspensionReason = reason.Trim();
        await db.SaveChangesAsync(cancellationToken);
        suspensions.Forget(id);
        return organization;
    }

    public async Task<Organization?> ReactivateAsync(Guid id, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organization is null)
        {
            return null;
        }

        organization.SuspendedAt = null;
        organization.SuspensionReason = null;
        await db.SaveChangesAsync(cancellationToken);
        suspensions.Forget(id);
        return organization;
    }
}
