using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace DigitalDelivery.Api.Organizations;

/// <summary>
/// Whether an organization is suspended, asked on every authenticated request, so the answer is cached for a few
/// seconds. Suspending through this instance takes effect at once (<see cref="Forget"/>); other instances see it
/// within <see cref="CacheDuration"/>, well inside an access token's ten minutes.
/// </summary>
public sealed class OrganizationSuspensions(IMemoryCache cache)
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> IsSuspendedAsync(Guid organizationId, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(Key(organizationId), out bool suspended))
        {
            return suspended;
        }

        // organizations has no row-level security: a tenant's own row is readable whatever the scope's tenant is.
        suspended = await db.Organizations.AsNoTracking()
            .AnyAsync(o => o.Id == organizationId && o.SuspendedAt != null, cancellationToken);
        cache.Set(Key(organizationId), suspended, CacheDuration);
        return suspended;
    }

    public void Forget(Guid organizationId) => cache.Remove(Key(organizationId));

    private static string Key(Guid organizationId) => $"organization-suspended:{organizationId:N}";
}
