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

    public static async Task<BenchDatabase> StartAsync(string? connectionString, string databaseName)
    {
        PostgresServer? server = null;
        if (connectionString is null)
        {
            server = await PostgresServer.StartAsync(durable: true);
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

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
