using DigitalDelivery.Core.Persistence;
using DigitalDelivery.LocalServers;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DigitalDelivery.Bench.Infrastructure;

/// <summary>
/// A migrated database to benchmark against: a durable PostgreSQL of our own (fsync and synchronous commit on,
/// as in production) in a temporary directory, or the one given with --connection.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly PostgresServer? _server;

    private BenchDatabase(PostgresServer? server, string connectionString)
    {
        _server = server;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    /// <summary>CPU of this process and of our own PostgreSQL (not measurable for one given by --connection).</summary>
    public CpuMeter Cpu => new(_server?.Port);

    public string Description => _server is null
        ? "PostgreSQL given by --connection"
        : $"local PostgreSQL {ServerVersion}, durable (fsync=on, synchronous_commit=on), port {_server.Port}";

    public string ServerVersion { get; private set; } = "?";

    /// <param name="statementStatistics">pg_stat_statements in our own server, for <see cref="PrintStatementsAsync"/>.</param>
    public static async Task<BenchDatabase> StartAsync(string? connectionString, string databaseName, bool statementStatistics = false)
    {
        PostgresServer? server = null;
        if (connectionString is null)
        {
            server = await PostgresServer.StartAsync(durable: true, statementStatistics: statementStatistics);
            connectionString = await server.CreateDatabaseAsync(databaseName);
        }

        var database = new BenchDatabase(server, connectionString);
        var options = new DbContextOptionsBuilder<DeliveryDbContext>().UseNpgsql(connectionString).Options;
        await using (var db = new DeliveryDbContext(options))
        {
            await db.Database.MigrateAsync();
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        database.ServerVersion = connection.PostgreSqlVersion.ToString();
        return database;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    public Task ResetStatementsAsync() => ExecuteAsync("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();");

    /// <summary>The statements that took most of PostgreSQL's time since the reset, per unit of work (a delivery).</summary>
    public async Task PrintStatementsAsync(long units, int top = 20)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT calls, total_plan_time + total_exec_time, total_plan_time, regexp_replace(left(query, 160), '\s+', ' ', 'g')
            FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY 2 DESC LIMIT @top
            """, connection);
        command.Parameters.AddWithValue("top", top);
        await using var reader = await command.ExecuteReaderAsync();
        Console.WriteLine("  statements by PostgreSQL time (calls per unit, µs per unit incl. planning, of which planning):");
        while (await reader.ReadAsync())
        {
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"    {reader.GetInt64(0) / (double)units,6:F2}  {reader.GetDouble(1) * 1000 / units,7:F0} µs  {reader.GetDouble(2) * 1000 / units,6:F0} µs  {reader.GetString(3)}"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
