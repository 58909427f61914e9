using Npgsql;

namespace DigitalDelivery.LocalServers;

/// <summary>
/// A throw-away PostgreSQL cluster: initdb into a temporary directory, postgres on a free loopback port with
/// password authentication (the same connection-string shape the Aspire AppHost injects).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string Password = "local-dev-password";

    private readonly ScratchDirectory _directory;
    private ServerProcess? _process;

    private PostgresServer(ScratchDirectory directory, int port, bool durable, bool statementStatistics)
    {
        _directory = directory;
        Port = port;
        Durable = durable;
        _statementStatistics = statementStatistics;
    }

    private readonly bool _statementStatistics;

    public int Port { get; }

    /// <summary>False for tests (fsync off: faster, nothing to lose); true for benchmarks that measure commits.</summary>
    public bool Durable { get; }

    public bool IsRunning => _process is { HasExited: false };

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password};Database={database}";

    /// <param name="statementStatistics">
    /// Loads pg_stat_statements with planning tracked (benchmarks' profiles; a database still needs
    /// <c>CREATE EXTENSION pg_stat_statements</c> to read it).
    /// </param>
    public static async Task<PostgresServer> StartAsync(bool durable = false, bool statementStatistics = false, CancellationToken cancellationToken = default)
    {
        var directory = new ScratchDirectory("pg");
        var server = new PostgresServer(directory, FreePort.Next(), durable, statementStatistics);
        try
        {
            await server.InitializeAsync(cancellationToken);
            await server.StartProcessAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    /// <summary>Stops the server (fast shutdown) so tests can observe what a service does without its database.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await RunAsPostgresAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w"]);
            await _process.DisposeAsync();
            _process = null;
            NpgsqlConnection.ClearAllPools();
        }
    }

    public Task RestartAsync(CancellationToken cancellationToken = default) => StartProcessAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _directory.Dispose();
    }

    private string DataDirectory => _directory.Combine("data");

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var passwordFile = _directory.Combine("pwfile");
        await File.WriteAllTextAsync(passwordFile, Password, cancellationToken);
        Directory.CreateDirectory(DataDirectory);
        if (UnixUser.IsRoot)
        {
            await ServerProcess.RunAsync("chown", "chown", ["-R", "postgres:postgres", _directory.Path], cancellationToken);
        }

        await RunAsPostgresAsync("initdb", ["-D", DataDirectory, "-U", "postgres", "--auth=scram-sha-256",
            $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], cancellationToken);
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        string[] settings =
        [
            "-D", DataDirectory, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1", "-c", $"unix_socket_directories={_directory.Path}",
            "-c", "max_connections=300", "-c", "shared_buffers=256MB",
            "-c", $"fsync={(Durable ? "on" : "off")}", "-c", $"synchronous_commit={(Durable ? "on" : "off")}",
            "-c", $"full_page_writes={(Durable ? "on" : "off")}",
            .. (_statementStatistics ? ["-c", "shared_preload_libraries=pg_stat_statements", "-c", "pg_stat_statements.track_planning=on"] : Array.Empty<string>()),
        ];
        var (file, arguments) = AsPostgres(PostgresBinaries.Find("postgres"), settings);
        _process = ServerProcess.Start("postgres", file, arguments, _directory.Path);
        if (!await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(60), () => _process.HasExited))
        {
            throw _process.StartupFailure($"nothing listens on port {Port}");
        }

        // Accepting TCP is not yet accepting queries (the startup packet may still be refused).
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false");
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }
    }

    private static Task RunAsPostgresAsync(string tool, string[] arguments, CancellationToken cancellationToken = default)
    {
        var (file, args) = AsPostgres(PostgresBinaries.Find(tool), arguments);
        return ServerProcess.RunAsync(tool, file, args, cancellationToken);
    }

    private static (string File, string[] Arguments) AsPostgres(string binary, string[] arguments) =>
        UnixUser.IsRoot ? ("runuser", ["-u", "postgres", "--", binary, .. arguments]) : (binary, arguments);
}
