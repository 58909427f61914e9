namespace DigitalDelivery.Core.Tenancy;

/// <summary>The immutable "no tenant" context: tenant-owned rows are invisible.</summary>
internal sealed class NoTenant : ITenantContext
{
    public static NoTenant Instance { get; } = new();

    public Guid? OrganizationId => null;

    public bool IsCrossTenant => false;
}
