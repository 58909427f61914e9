using DigitalDelivery.Core.Organizations;
using DigitalDelivery.Core.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Core.Persistence;

/// <summary>
/// The one database of the product. Entity configuration lives beside each feature's entities
/// (IEntityTypeConfiguration classes in this assembly); this type only wires them together.
/// Tenant-owned entities (<see cref="ITenantOwned"/>) are filtered by <see cref="Tenant"/>, which the scoped
/// registration sets from the request's <see cref="ITenantContext"/>. It also holds the Data Protection key ring
/// (<see cref="IDataProtectionKeyContext"/>), shared by every service.
/// </summary>
public class DeliveryDbContext(DbContextOptions<DeliveryDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Whose rows this context sees; <see cref="TenantContext.None"/> (nothing tenant-owned) until set.</summary>
    public ITenantContext Tenant { get; set; } = TenantContext.None;

    // Read by the tenant query filters (see TenantQueryFilters); EF evaluates them per query.
    public Guid? TenantOrganizationId => Tenant.OrganizationId;

    public bool TenantIsCrossTenant => Tenant.IsCrossTenant;

    internal TenantSessionState? AppliedTenantState { get; set; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DeliveryDbContext).Assembly);
        modelBuilder.ApplyTenantQueryFilters(this);
    }

    // Pooled contexts are reused across scopes: forget the tenant before going back to the pool.
    public override void Dispose()
    {
        ResetTenant();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override ValueTask DisposeAsync()
    {
        ResetTenant();
        GC.SuppressFinalize(this);
        return base.DisposeAsync();
    }

    private void ResetTenant()
    {
        Tenant = TenantContext.None;
        AppliedTenantState = null;
    }
}
