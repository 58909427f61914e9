extern alias api;

using DigitalDelivery.Core.Clients;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DigitalDelivery.Tests.Identity;

public sealed class RowLevelSecurityTests(IdentityApiFixture fixture) : IClassFixture<IdentityApiFixture>
{
    [Fact]
    public async Task A_raw_query_on_the_services_connection_without_a_tenant_sees_no_tenant_rows()
    {
        await fixture.CreateTenantAsync("raw-a");
        await fixture.CreateTenantAsync("raw-b");
        var dataSource = fixture.Factory.Services.GetRequiredService<NpgsqlDataSource>();

        await using var connection = await dataSource.OpenConnectionAsync(Ct);
        Assert.Equal(0L, await CountAsync(connection, "api_clients"));
        Assert.True(await fixture.ScalarAsync<long>("SELECT count(*) FROM api_clients") >= 2, "the rows are there for the owner");
        Assert.Equal("digitaldelivery_app", await ScalarAsync<string>(connection, "SELECT current_user"));
    }

    [Fact]
    public async Task With_a_tenant_set_a_raw_query_sees_only_that_tenants_rows_and_cannot_write_another_tenants()
    {
        var a = await fixture.CreateTenantAsync("set-a");
        var b = await fixture.CreateTenantAsync("set-b");
        var dataSource = fixture.Factory.Services.GetRequiredService<NpgsqlDataSource>();

        await using var connection = await dataSource.OpenConnectionAsync(Ct);
        await ExecuteAsync(connection, $"SELECT set_config('app.tenant_id', '{a.OrganizationId}', false)");

        Assert.Equal(1L, await CountAsync(connection, "api_clients"));
        Assert.Equal(a.ClientId, await ScalarAsync<string>(connection, "SELECT client_id FROM api_clients"));
        Assert.Equal(0, await ExecuteAsync(connection, $"UPDATE api_clients SET name = 'hijacked' WHERE organization_id = '{b.OrganizationId}'"));
        Assert.Equal(0, await ExecuteAsync(connection, $"DELETE FROM api_clients WHERE organization_id = '{b.OrganizationId}'"));
        var insert = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection,
            $"INSERT INTO api_clients (id, organization_id, client_id, name, secret_hash, scopes, created_at) VALUES (gen_random_uuid(), '{b.OrganizationId}', 'ddc_x', 'x', 'x', '{{}}', now())"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, insert.SqlState);
        Assert.Equal("set-b", await fixture.ScalarAsync<string>("SELECT name FROM api_clients WHERE id = @id", ("id", b.ClientRowId)));
    }

    [Fact]
    public async Task The_EF_query_filter_and_the_connection_follow_the_scopes_tenant_and_nothing_leaks_into_the_pool()
    {
        var a = await fixture.CreateTenantAsync("filter-a");
        await fixture.CreateTenantAsync("filter-b");

        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().SetOrganization(a.OrganizationId);
            var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
            var visible = await db.Set<ApiClient>().Select(c => c.ClientId).ToListAsync(Ct);
            Assert.Equal([a.ClientId], visible);

            // Even with the EF filter switched off, the database returns only this tenant's rows.
            var unfiltered = await db.Set<ApiClient>().IgnoreQueryFilters().Select(c => c.ClientId).ToListAsync(Ct);
            Assert.Equal([a.ClientId], unfiltered);
        }

        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
            Assert.Empty(await db.Set<ApiClient>().IgnoreQueryFilters().ToListAsync(Ct));
        }

        // A connection the pool hands out after the tenant's work carries no tenant.
        var dataSource = fixture.Factory.Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await dataSource.OpenConnectionAsync(Ct);
        Assert.Equal(0L, await CountAsync(connection, "api_clients"));
    }

    [Fact]
    public async Task The_same_physical_connection_reused_after_a_tenants_work_carries_no_tenant()
    {
        var a = await fixture.CreateTenantAsync("pool-a");
        var singleConnection = fixture.ConnectionString + ";Maximum Pool Size=1";
        await using var dataSource = PersistenceExtensions.BuildDataSource(singleConnection, DatabaseRoles.Application);
        var options = new DbContextOptionsBuilder<DeliveryDbContext>()
            .UseNpgsql(dataSource).AddInterceptors(TenantSessionInterceptor.Instance).Options;
        var tenant = new TenantContext();
        tenant.SetOrganization(a.OrganizationId);

        int tenantBackend;
        await using (var db = new DeliveryDbContext(options) { Tenant = tenant })
        {
            Assert.Equal([a.ClientId], await db.Set<ApiClient>().Select(c => c.ClientId).ToListAsync(Ct));
            tenantBackend = await db.Database.SqlQuery<int>($"SELECT pg_backend_pid() AS \"Value\"").SingleAsync(Ct);
        }

        await using var connection = await dataSource.OpenConnectionAsync(Ct);
        Assert.Equal(tenantBackend, await ScalarAsync<int>(connection, "SELECT pg_backend_pid()"));
        Assert.Equal(0L, await CountAsync(connection, "api_clients"));
        Assert.Equal("digitaldelivery_app", await ScalarAsync<string>(connection, "SELECT current_user"));
    }

    [Fact]
    public async Task Tenant_owned_entities_are_found_by_the_convention()
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        var tenantOwned = db.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)).ToList();

        Assert.NotEmpty(tenantOwned);
        Assert.All(tenantOwned, e => Assert.NotEmpty(e.GetDeclaredQueryFilters()));

        // And every tenant-owned table has its RLS policy and FORCE, so a forgotten migration line fails here.
        foreach (var table in tenantOwned.Select(e => e.GetTableName()!))
        {
            Assert.True(await fixture.ScalarAsync<bool>(
                "SELECT relrowsecurity AND relforcerowsecurity FROM pg_class WHERE relname = @t", ("t", table)), $"{table} lacks FORCE ROW LEVEL SECURITY");
            Assert.True(await fixture.ScalarAsync<long>("SELECT count(*) FROM pg_policies WHERE tablename = @t", ("t", table)) > 0, $"{table} has no policy");
        }
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string table) =>
        await ScalarAsync<long>(connection, $"SELECT count(*) FROM {table}");

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(Ct);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
