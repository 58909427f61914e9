using DigitalDelivery.LocalServers;

[assembly: AssemblyFixture(typeof(DigitalDelivery.Tests.Infrastructure.LocalInfrastructure))]

namespace DigitalDelivery.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL, Redis, Azurite, clamd and SMTP server for the whole test run, on free ports in temporary directories,
/// removed afterwards (xunit disposes assembly fixtures also when tests fail). Tests isolate themselves by
/// creating their own database (<see cref="CreateDatabaseAsync"/>) and their own containers and key prefixes.
/// </summary>
public sealed class LocalInfrastructure : IAsyncLifetime
{
    private int _databaseCounter;

    public PostgresServer Postgres { get; private set; } = null!;
    public RedisServer Redis { get; private set; } = null!;
    public AzuriteServer Azurite { get; private set; } = null!;
    public ClamAvServer ClamAv { get; private set; } = null!;

    /// <summary>Shared by every test: tests tell their mail apart by recipient address.</summary>
    public SmtpServer Smtp { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var postgres = PostgresServer.StartAsync();
        var redis = RedisServer.StartAsync();
        var azurite = AzuriteServer.StartAsync();
        var clamAv = ClamAvServer.StartAsync();
        var smtp = SmtpServer.StartAsync();
        try
        {
            await Task.WhenAll(postgres, redis, azurite, clamAv, smtp);
        }
        finally
        {
            // Keep whatever did start so DisposeAsync stops it even when another server failed.
            Postgres = postgres.IsCompletedSuccessfully ? postgres.Result : null!;
            Redis = redis.IsCompletedSuccessfully ? redis.Result : null!;
            Azurite = azurite.IsCompletedSuccessfully ? azurite.Result : null!;
            ClamAv = clamAv.IsCompletedSuccessfully ? clamAv.Result : null!;
            Smtp = smtp.IsCompletedSuccessfully ? smtp.Result : null!;
        }
    }

    /// <summary>An empty database of its own for one test or test class.</summary>
    public Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"{Sanitize(purpose)}_{Interlocked.Increment(ref _databaseCounter)}";
        return Postgres.CreateDatabaseAsync(name);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(
            Postgres?.DisposeAsync().AsTask() ?? Task.CompletedTask,
            Redis?.DisposeAsync().AsTask() ?? Task.CompletedTask,
            Azurite?.DisposeAsync().AsTask() ?? Task.CompletedTask,
            ClamAv?.DisposeAsync().AsTask() ?? Task.CompletedTask,
            Smtp?.DisposeAsync().AsTask() ?? Task.CompletedTask);
    }

    private static string Sanitize(string purpose) =>
        new(purpose.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').Take(40).ToArray());
}
