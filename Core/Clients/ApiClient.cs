using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Clients;

/// <summary>
/// A machine-to-machine caller of the Api (a merchant's storefront backend). The secret is shown once when
/// created or rotated; only its PBKDF2 hash is kept.
/// </summary>
public sealed class ApiClient : ITenantOwned
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }

    /// <summary>Public identifier used at the token endpoint, unique across tenants.</summary>
    public required string ClientId { get; init; }

    public required string Name { get; set; }
    public required string SecretHash { get; set; }
    public required string[] Scopes { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SecretRotatedAt { get; set; }
}
