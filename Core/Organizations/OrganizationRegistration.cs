using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Core.Organizations.Messaging;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Organizations;

/// <summary>
/// Registers a merchant: the organization row and its <see cref="OrganizationCreated"/> message commit together
/// (the transactional outbox), so Worker hears of every organization exactly when it exists. The first-run command
/// creates organizations through this. The scope's tenant becomes the new organization, so what the caller
/// creates next for it (its owner, its first API client) passes row-level security. Joins the caller's transaction
/// when there is one, so an organization and everything created with it commit together.
/// </summary>
public sealed class OrganizationRegistration(DeliveryDbContext db, IMessageOutbox outbox, TenantContext tenant, TimeProvider time)
{
    public async Task<Organization> RegisterAsync(string name, string slug, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var organization = new Organization
        {
            Id = Guid.CreateVersion7(now),
            Name = name,
            Slug = slug,
            CreatedAt = now,
        };
        tenant.SetOrganization(organization.Id);

        var ownTransaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;
        await using (ownTransaction)
        {
            db.Organizations.Add(organization);
            await db.SaveChangesAsync(cancellationToken);
            await outbox.EnqueueAsync(
                new OrganizationCreated(organization.Id, organization.Name, organization.Slug, organization.CreatedAt),
                cancellationToken: cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
        }

        return organization;
    }
}
