extern alias api;

using DigitalDelivery.Tests.Infrastructure;
using Npgsql;

namespace DigitalDelivery.Tests.Identity;

/// <summary>
/// A migrated database of its own and the Api on it, shared by the tests of one class. Tenants are created
/// straight in the database (as the owner, past RLS) with a client secret the test knows.
/// </summary>
public class IdentityApiFixture(LocalInfrastructure infrastructure) : IAsyncLifetime
{
    public LocalInfrastructure Infrastructure { get; } = infrastructure;
    public string ConnectionString { get; private set; } = null!;
    public ApiFactory Factory { get; private set; } = null!;

    public virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    /// <summary>Host the Api on Kestrel at 127.0.0.1 on a free port instead of the in-memory TestServer.</summary>
    protected virtual bool UseKestrel => false;

    public virtual async ValueTask InitializeAsync()
    {
        ConnectionString = await Infrastructure.MigratedDatabaseAsync(GetType().Name);
        Factory = new ApiFactory(ConnectionString, Infrastructure.Redis.ConnectionString, Settings);
        if (UseKestrel)
        {
            // A real socket server, for tests that need real request streaming (TestServer pipes bodies in memory).
            Factory.UseKestrel(0);
            Factory.StartServer();
        }
        else
        {
            _ = Factory.Server; // start now, not in the first test
        }
    }

    public Task<TestTenant> CreateTenantAsync(string name, params string[] scopes) => CreateTenantAsync(Guid.NewGuid(), name, scopes);

    /// <summary>A tenant with an id chosen in advance (for settings keyed by organization, read at startup).</summary>
    public async Task<TestTenant> CreateTenantAsync(Guid organizationId, string name, params string[] scopes)
    {
        var secret = api::DigitalDelivery.Api.Clients.ClientSecrets.NewSecret();
        var clientId = api::DigitalDelivery.Api.Clients.ClientSecrets.NewClientId();
        var clientRowId = Guid.NewGuid();
        var hash = new api::DigitalDelivery.Api.Clients.ClientSecrets().Hash(secret);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO organizations (id, name, slug, created_at) VALUES (@org, @name, @slug, now());
            INSERT INTO api_clients (id, organization_id, client_id, name, secret_hash, scopes, created_at)
            VALUES (@client, @org, @clientId, @name, @hash, @scopes, now());
            """,
            connection);
        command.Parameters.AddWithValue("org", organizationId);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("slug", $"t-{organizationId:N}");
        command.Parameters.AddWithValue("client", clientRowId);
        command.Parameters.AddWithValue("clientId", clientId);
        command.Parameters.AddWithValue("hash", hash);
        command.Parameters.AddWithValue("scopes", scopes.Length > 0 ? scopes : api::DigitalDelivery.Api.Identity.Scopes.Tenant.ToArray());
        await command.ExecuteNonQueryAsync();
        return new TestTenant(organizationId, clientRowId, clientId, secret);
    }

    /// <summary>Another API client of an existing tenant, holding only <paramref name="scopes"/>.</summary>
    public async Task<TestTenant> AddClientAsync(Guid organizationId, params string[] scopes)
    {
        var secret = api::DigitalDelivery.Api.Clients.ClientSecrets.NewSecret();
        var clientId = api::DigitalDelivery.Api.Clients.ClientSecrets.NewClientId();
        var clientRowId = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO api_clients (id, organization_id, client_id, name, secret_hash, scopes, created_at)
            VALUES (@client, @org, @clientId, @clientId, @hash, @scopes, now());
            """,
            connection);
        command.Parameters.AddWithValue("org", organizationId);
        command.Parameters.AddWithValue("client", clientRowId);
        command.Parameters.AddWithValue("clientId", clientId);
        command.Parameters.AddWithValue("hash", new api::DigitalDelivery.Api.Clients.ClientSecrets().Hash(secret));
        command.Parameters.AddWithValue("scopes", scopes);
        await command.ExecuteNonQueryAsync();
        return new TestTenant(organizationId, clientRowId, clientId, secret);
    }

    /// <summary>Runs a query as the owner (a superuser, so past RLS): what the database really holds.</summary>
    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (parameterName, value) in parameters)
        {
            command.Parameters.AddWithValue(parameterName, value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is DBNull or null ? default : (T)result;
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
