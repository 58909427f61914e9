namespace DigitalDelivery.Core.Tenancy;

/// <summary>
/// The scoped, settable <see cref="ITenantContext"/>: the Api sets it from the authenticated principal, workers
/// from the message they handle. Without a tenant, tenant-owned tables look empty (query filter and RLS agree).
/// </summary>
public sealed class TenantContext : ITenantContext
{
    private int _crossTenantDepth;

    /// <summary>A context that never sees tenant-owned rows: what a DbContext uses until told otherwise.</summary>
    public static ITenantContext None => NoTenant.Instance;

    public Guid? OrganizationId { get; private set; }

    public bool IsCrossTenant => _crossTenantDepth > 0;

    public void SetOrganization(Guid organizationId)
    {
        if (OrganizationId is { } current && current != organizationId)
        {
            // A scope that switches tenants half way is a bug waiting to leak data; make it loud.
            throw new InvalidOperationException("The tenant of this scope is already set to another organization.");
        }

        OrganizationId = organizationId;
    }

    /// <summary>Lifts tenant isolation until the returned scope is disposed. Keep such scopes to a single lookup.</summary>
    public IDisposable BeginCrossTenantAccess()
    {
        _crossTenantDepth++;
        return new CrossTenantScope(this);
    }

    private sealed class CrossTenantScope(TenantContext owner) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                owner._crossTenantDepth--;
            }
        }
    }
}
