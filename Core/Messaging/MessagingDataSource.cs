using DigitalDelivery.Core.Persistence;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace DigitalDelivery.Core.Messaging;

/// <summary>
/// The connections the engine's own bookkeeping runs on (claims, completions, retries, dead-lettering, leases,
/// notifications): the service's database with synchronous_commit off. Losing the last few of these commits in a
/// database crash can only undo bookkeeping, never business data: an undone claim makes the message claimable
/// again, an undone completion or retry delivers it again, which at-least-once delivery allows anyway.
/// Transactional handlers commit on the DbContext's connection, synchronously, and their commit flushes the WAL
/// before it (claims included). Enqueues always run on the caller's connection and transaction.
/// </summary>
internal sealed class MessagingDataSource : IAsyncDisposable
{
    public MessagingDataSource(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionNames.Database)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionNames.Database} is not set.");
        var settings = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Options = "-c synchronous_commit=off",
            ApplicationName = "DigitalDelivery.Messaging",
        };
        DataSource = PersistenceExtensions.BuildDataSource(settings.ConnectionString, DatabaseRoles.Application);
    }

    public NpgsqlDataSource DataSource { get; }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
