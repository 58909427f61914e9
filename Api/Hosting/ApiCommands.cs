using System.CommandLine;
using DigitalDelivery.Api.Identity.Tokens;
using DigitalDelivery.Core.Persistence;

namespace DigitalDelivery.Api.Hosting;

/// <summary>
/// One-shot commands of the Api executable, run instead of the web host (System.CommandLine; <c>Api --help</c>):
/// <c>Api migrate</c> applies the database migrations and exits: the AppHost and scripts/run.sh run it once
/// before any service starts (Aspire: WaitForCompletion), so no two services ever race over the schema.
/// <c>Api seed</c> creates the first organization, owner and API client (see <see cref="FirstRunSeeder"/>).
/// <c>Api rotate-signing-key</c> retires the token signing key now and activates a new one.
/// <c>Api organizations create|list|suspend|reactivate</c> is the platform operator's console
/// (<see cref="OrganizationCommands"/>).
/// Arguments that start with <c>--</c> and name no command (<c>--urls</c>, configuration) run the web host.
/// </summary>
public static class ApiCommands
{
    /// <summary>Runs the command named by <paramref name="args"/>; null when they name none (run the web host).</summary>
    public static async Task<int?> RunCommandAsync(this WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return null;
        }

        var migrate = new Command("migrate", "Apply the database migrations and exit.");
        migrate.SetAction((_, _) => app.MigrateDatabaseAsync());
        var seed = new Command("seed", "On an empty database, create the first organization, its owner and an API client, and print their credentials once.");
        seed.SetAction((_, _) => app.SeedAsync());
        var rotate = new Command("rotate-signing-key", "Retire the token signing key now and start signing with a new one.");
        rotate.SetAction(async (_, cancellationToken) =>
        {
            await app.Services.GetRequiredService<SigningKeyStore>().RotateNowAsync(cancellationToken);
            return 0;
        });

        var root = new RootCommand("DigitalDelivery Api: without a command it runs the web host.")
        {
            migrate, seed, rotate, OrganizationCommands.Create(app.Services),
        };

        return await root.Parse(args).InvokeAsync(cancellationToken: app.Lifetime.ApplicationStopping);
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
