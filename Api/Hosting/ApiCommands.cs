using DigitalDelivery.Core.Persistence;

namespace DigitalDelivery.Api.Hosting;

/// <summary>
/// <c>Api migrate</c> applies the database migrations and exits: the AppHost and scripts/run.sh run it once
/// before any service starts (Aspire: WaitForCompletion), so no two services ever race over the schema.
/// </summary>
public static class ApiCommands
{
    public static bool IsMigrate(string[] args) => args.Length > 0 && args[0] == "migrate";

    public static async Task<int> MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
        await migrator.MigrateAsync(app.Lifetime.ApplicationStopping);
        return 0;
    }
}
