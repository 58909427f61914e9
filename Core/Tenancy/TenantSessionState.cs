namespace DigitalDelivery.Core.Tenancy;

/// <summary>The values of the PostgreSQL settings the RLS policies read (app.tenant_id, app.cross_tenant).</summary>
internal readonly record struct TenantSessionState(Guid? OrganizationId, bool CrossTenant)
{
    public static TenantSessionState Empty => default;

    public static TenantSessionState Of(ITenantContext tenant) => new(tenant.OrganizationId, tenant.IsCrossTenant);
}
