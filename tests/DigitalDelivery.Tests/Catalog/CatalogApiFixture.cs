extern alias worker;

using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Tests.Identity;
using DigitalDelivery.Tests.Infrastructure;
using Npgsql;

namespace DigitalDelivery.Tests.Catalog;

/// <summary>
/// The Api on a migrated database of its own with Blob storage (a container of its own) and one tenant id known in
/// advance that has a 1 MiB upload limit. No Worker runs unless a test starts one (<see cref="StartWorker"/>), so
/// uploads stay Pending and tests decide when scanning happens.
/// </summary>
public class CatalogApiFixture(LocalInfrastructure infrastructure) : IdentityApiFixture(infrastructure)
{
    public const long SmallLimit = 1024 * 1024;

    public Guid SmallLimitOrganizationId { get; } = Guid.NewGuid();

    public string Container { get; } = $"catalog-{Guid.NewGuid():N}"[..24];

    public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"ConnectionStrings:{ConnectionNames.Blobs}"] = Infrastructure.Azurite.ConnectionString,
        ["Catalog:Container"] = Container,
        [$"Catalog:TenantMaxFileBytes:{SmallLimitOrganizationId}"] = SmallLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Worker on the same database and container: it consumes the file-scans queue with quick retries.</summary>
    public ServiceFactory<worker::Program> StartWorker(string? clamAvConnectionString = null, int maxAttempts = 3)
    {
        var settings = AppHostSettings.For(Infrastructure, ConnectionString);
        settings["ConnectionStrings:clamav"] = clamAvConnectionString ?? Infrastructure.ClamAv.ConnectionString;
        settings["Catalog:Container"] = Container;
        settings["Catalog:Scanning:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Catalog:Scanning:BaseDelay"] = "00:00:00.050";
        settings["Catalog:Scanning:MaxDelay"] = "00:00:00.200";
        settings["ClamAv:ConnectTimeout"] = "00:00:01";
        var factory = new ServiceFactory<worker::Program>(settings, "Production");
        _ = factory.Server; // start the host (and its queue consumers) now
        return factory;
    }

    /// <summary>Sets a file's scan status as the owner: for tests about what a status allows, not about scanning.</summary>
    public async Task SetFileStatusAsync(Guid fileId, string status)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE catalog_files SET status = @s WHERE id = @id", connection);
        command.Parameters.AddWithValue("s", status);
        command.Parameters.AddWithValue("id", fileId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
