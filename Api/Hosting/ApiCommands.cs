using DigitalDelivery.Api.Identity.Tokens;
using DigitalDelivery.Core.Persistence;

namespace DigitalDelivery.Api.Hosting;

/// <summary>
/// One-shot commands of the Api executable, run instead of the web host:
/// <c>Api migrate</c> applies the database migrations and exits: the AppHost and scripts/run.sh run it once
/// before any service starts (Aspire: WaitForCompletion), so no two services ever race over the schema.
/// <c>Api seed</c> creates the first organization, owner and API client (see <see cref="FirstRunSeeder"/>).
/// <c>Api rotate-signing-key</c> retires the token signing key now and activates a new one.
/// </summary>
public static class ApiCommands
{
    public static bool IsMigrate(string[] args) => args.Length > 0 && args[0] == "migrate";

    public static bool IsSeed(string[] args) => args.Length > 0 && args[0] == "seed";

    public static bool IsRotateSigningKey(string[] args) => args.Length > 0 && args[0] == "rotate-signing-key";

    /// <summary>Runs the command named by <paramref name="args"/>; null when they name none (run the web host).</summary>
    public static async Task<int?> RunCommandAsync(this WebApplication app, string[] args)
    {
        if (IsMigrate(args))
        {
            return await app.MigrateDatabaseAsync();
        }

        if (IsSeed(args))
        {
            return await app.SeedAsync();
        }

        if (IsRotateSigningKey(args))
        {
            await app.Services.GetRequiredService<SigningKeyStore>().RotateNowAsync(app.Lifetime.ApplicationStopping);
            return 0;
        }

        return null;
    }

    /// <summary>
    /// Seeds the first organization. With <c>Seed:CredentialsFile</c> set (the AppHost sets it) the credentials go
    /// to that file, mode 600, instead of standard output, which an orchestrator keeps as a log.
    /// </summary>
    public static async Task<int> SeedAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<FirstRunSeeder>();
        if (app.Configuration["Seed:CredentialsFile"] is not { Length: > 0 } credentialsFile)
        {
            return await seeder.SeedAsync(Console.Out, app.Lifetime.ApplicationStopping);
        }

        var output = new StringWriter();
        var exitCode = await seeder.SeedAsync(output, app.Lifetime.ApplicationStopping);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var credentials = lines.Where(line => line.Contains('=', StringComparison.Ordinal)).ToArray();
        foreach (var line in lines.Except(credentials))
        {
            Console.WriteLine(line);
        }

        if (credentials.Length > 0)
        {
            await File.WriteAllLinesAsync(credentialsFile, credentials, app.Lifetime.ApplicationStopping);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(credentialsFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            Console.WriteLine($"Credentials written to {credentialsFile}.");
        }

        return exitCode;
    }

    public static async Task<int> MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
        await migrator.MigrateAsync(app.Lifetime.ApplicationStopping);
        return 0;
    }
}
