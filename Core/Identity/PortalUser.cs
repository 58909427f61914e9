using DigitalDelivery.Core.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace DigitalDelivery.Core.Identity;

/// <summary>A member of a merchant's staff who signs in to the admin portal. Email is unique across tenants.</summary>
public sealed class PortalUser : IdentityUser<Guid>, ITenantOwned
{
    public Guid OrganizationId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
