using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Core.Organizations.Messaging;
using DigitalDelivery.Core.Persistence;

namespace DigitalDelivery.Core.Organizations;

/// <summary>
/// Registers a merchant: the organization row and its <see cref="OrganizationCreated"/> message commit together
/// (the transactional outbox), so Worker hears of every organization exactly when it exists. The first-run command
/// and the admin API of the tenants issue create organizations through this.
/// </summary>
public sealed class OrganizationRegistration(DeliveryDbContext db, IMessageOutbox outbox, TimeProvider time)
{
    public async Task<Organization> RegisterAsync(string name, string slug, CancellationToken cancellationToken)
    {
        var organization = new Organization
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Name = name,
            Slug = slug,
            CreatedAt = time.GetUtcNow(),
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Organizations.Add(organization);
        await db.SaveChangesAsync(cancellationToken);
        await outbox.EnqueueAsync(
            new OrganizationCreated(organization.Id, organization.Name, organization.Slug, organization.CreatedAt),
            cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return organization;
    }
}
