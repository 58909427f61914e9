using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DigitalDelivery.AppHost.Stores;

/// <summary>
/// PostgreSQL with one database, as the mode asks: Debian's server as an executable (port 55432, data and password
/// in .local/), the standard container, or in publish mode the container for azd.
/// </summary>
public static class PostgresStore
{
    public const int LocalPort = 55432;

    public static IResourceBuilder<IResourceWithConnectionString> AddPostgresStore(
        this IDistributedApplicationBuilder builder, StoreMode mode, LocalState state, string name, string databaseName)
    {
        if (mode != StoreMode.Executables)
        {
            var container = builder.AddPostgres(name).WithDataVolume();
            return container.AddDatabase(databaseName);
        }

        var binaries = FindBinaries();
        var dataDirectory = Path.Combine(state.Root, "postgres");
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")) && !state.HasSecret(name))
        {
            throw new InvalidOperationException(
                $"The cluster in {dataDirectory} exists but its password file {state.SecretPath(name)} is missing; run scripts/run.sh --reset to start afresh.");
        }

        var password = state.SecretParameter(builder, name);
        var runAsPostgres = Environment.UserName == "root";
        var server = new LocalPostgresResource(name, runAsPostgres ? "setpriv" : Path.Combine(binaries, "postgres"), "/", password.Resource);
        var database = new LocalPostgresDatabaseResource(databaseName, databaseName, server);
        server.Databases[databaseName] = databaseName;

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(server, async (_, ct) =>
            connectionString = await server.ConnectionStringExpression.GetValueAsync(ct));
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, async (_, ct) =>
            await InitializeClusterAsync(binaries, dataDirectory, state.Secret(name), runAsPostgres, ct));
        // DCP reports the state of containers' children only, so the database's is published here once it exists.
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (@event, ct) =>
        {
            await CreateDatabasesAsync(connectionString!, server.Databases.Values, ct);
            await @event.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(database, snapshot => snapshot with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            });
        });

        var serverCheck = $"{name}_check";
        var databaseCheck = $"{databaseName}_check";
        builder.Services.AddHealthChecks()
            .AddNpgSql(_ => connectionString + ";Database=postgres", name: serverCheck)
            .AddNpgSql(_ => connectionString + ";Database=" + databaseName, name: databaseCheck);

        builder.AddResource(server)
            .WithEndpoint(port: LocalPort, name: LocalPostgresResource.EndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                if (runAsPostgres)
                {
                    context.Args.Add("--reuid=postgres");
                    context.Args.Add("--regid=postgres");
                    context.Args.Add("--init-groups");
                    context.Args.Add("--");
                    context.Args.Add(Path.Combine(binaries, "postgres"));
                }

                // No Unix socket: everything connects over TCP with the password, and nothing clashes with a system
                // cluster's socket directory.
                context.Args.Add("-D");
                context.Args.Add(dataDirectory);
                context.Args.Add("-p");
                context.Args.Add(server.Endpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("-c");
                context.Args.Add("listen_addresses=127.0.0.1");
                context.Args.Add("-c");
                context.Args.Add("unix_socket_directories=");
            })
            .WithIconName("DatabaseMultiple")
            .WithHealthCheck(serverCheck);

        return builder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "PostgresDatabase", State = KnownResourceStates.Waiting, Properties = [] })
            .WithHealthCheck(databaseCheck);
    }

    // Debian keeps the server binaries out of PATH, one folder per major version: the newest wins.
    private static string FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "postgres")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
              ?? throw new InvalidOperationException("PostgreSQL's server binaries are missing: run scripts/install-prerequisites.sh.")
            : throw new InvalidOperationException("PostgreSQL is not installed: run scripts/install-prerequisites.sh.");

    // initdb on first use only. PostgreSQL refuses to run as root, so as root the cluster belongs to postgres.
    private static async Task InitializeClusterAsync(string binaries, string dataDirectory, string password, bool runAsPostgres, CancellationToken ct)
    {
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            return;
        }

        Directory.CreateDirectory(dataDirectory);
        var passwordFile = Path.Combine(Path.GetTempPath(), $"dd-pg-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(passwordFile, password, ct);
        try
        {
            if (runAsPostgres)
            {
                await RunAsync("chown", ["postgres:postgres", dataDirectory, passwordFile], ct);
            }

            LocalState.OwnerOnly(dataDirectory, UnixFileMode.UserExecute);
            string[] initdb = [Path.Combine(binaries, "initdb"), "-D", dataDirectory, "-U", "postgres", "--auth=scram-sha-256",
                $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C.UTF-8"];
            await (runAsPostgres
                ? RunAsync("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", .. initdb], ct)
                : RunAsync(initdb[0], initdb[1..], ct));
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private static async Task CreateDatabasesAsync(string connectionString, IEnumerable<string> databases, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Database=postgres");
        await connection.OpenAsync(ct);
        foreach (var database in databases)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
            exists.Parameters.AddWithValue(database);
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await create.ExecuteNonQueryAsync(ct);
            }
        }
    }

    private static async Task RunAsync(string command, IEnumerable<string> arguments, CancellationToken ct)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments)
        {
            WorkingDirectory = "/",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"{command} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
