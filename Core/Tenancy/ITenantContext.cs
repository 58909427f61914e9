namespace DigitalDelivery.Core.Tenancy;

/// <summary>Whose data the current unit of work may touch.</summary>
public interface ITenantContext
{
    /// <summary>The organization of the caller; null before authentication or in a worker with no tenant yet.</summary>
    Guid? OrganizationId { get; }

    /// <summary>
    /// True only inside an explicit <see cref="TenantContext.BeginCrossTenantAccess"/> scope, for the few lookups that
    /// must precede knowing the tenant (a client id at the token endpoint, an email at sign-in).
    /// </summary>
    bool IsCrossTenant { get; }
}
