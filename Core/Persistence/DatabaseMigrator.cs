using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DigitalDelivery.Core.Persistence;

/// <summary>
/// Applies pending migrations. Runs as its own step (<c>Api migrate</c>) before any service starts, so services
/// never race each other over the schema. EF Core takes a database lock while migrating, so two runs are safe too.
/// It uses the owner's connection: the services' application role may not change the schema.
/// </summary>
public sealed class DatabaseMigrator(
    [FromKeyedServices(PersistenceExtensions.OwnerConnection)] DeliveryDbContext db, ILogger<DatabaseMigrator> logger)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            logger.LogInformation("The database schema is up to date.");
            return pending;
        }

        logger.LogInformation("Applying {Count} migrations: {Migrations}", pending.Count, string.Join(", ", pending));
        await db.Database.MigrateAsync(cancellationToken);
        return pending;
    }
}
