using System.Buffers.Text;
using System.Security.Cryptography;
using DigitalDelivery.Api.Clients;
using DigitalDelivery.Core.Clients;
using DigitalDelivery.Core.Identity;
using DigitalDelivery.Core.Organizations;
using DigitalDelivery.Core.Persistence;
using Microsoft.AspNetCore.Identity;

namespace DigitalDelivery.Api.Organizations;

/// <summary>
/// Creates a merchant ready to work: the organization (with its outbox message), an Owner who signs in to the portal
/// with a generated password, and an API client, all in one transaction, so a failure leaves no half-made tenant.
/// Used by <c>Api seed</c>, <c>Api organizations create</c> and <c>POST /api/v1/platform/organizations</c>.
/// The scope's tenant becomes the new organization (row-level security), so callers that already have a tenant
/// (a platform request) run this in a scope of its own.
/// </summary>
public sealed class OrganizationProvisioning(
    DeliveryDbContext db,
    OrganizationRegistration registration,
    UserManager<PortalUser> users,
    ClientSecrets secrets,
    TimeProvider time)
{
    public async Task<ProvisionedOrganization> ProvisionAsync(
        string name, string slug, string ownerEmail, IReadOnlyList<string> clientScopes, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var organization = await registration.RegisterAsync(name, slug, cancellationToken);

        var password = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
        var owner = new PortalUser
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organization.Id,
            UserName = ownerEmail,
            Email = ownerEmail,
            EmailConfirmed = true,
            CreatedAt = now,
        };
        var created = await users.CreateAsync(owner, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Creating the owner failed: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(owner, PortalRoles.Owner);

        var secret = ClientSecrets.NewSecret();
        var client = new ApiClient
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organization.Id,
            ClientId = ClientSecrets.NewClientId(),
            Name = "First client",
            SecretHash = secrets.Hash(secret),
            Scopes = [.. clientScopes],
            CreatedAt = now,
        };
        db.Add(client);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ProvisionedOrganization(organization, ownerEmail, password, client.ClientId, secret, client.Scopes);
    }
}
