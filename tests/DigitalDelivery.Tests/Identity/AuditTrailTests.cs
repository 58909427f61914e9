using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace DigitalDelivery.Tests.Identity;

public sealed class AuditTrailTests(IdentityApiFixture fixture) : IClassFixture<IdentityApiFixture>
{
    private static readonly string[] CatalogRead = ["catalog:read"];

    [Fact]
    public async Task A_state_changing_call_writes_an_audit_row_with_actor_tenant_entity_and_request_details()
    {
        var tenant = await fixture.CreateTenantAsync("audit-write");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        http.DefaultRequestHeaders.UserAgent.ParseAdd("audit-test/1.0");

        using var response = await http.PostAsJsonAsync("/api/v1/clients", new { name = "storefront", scopes = CatalogRead }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var clientId = json.RootElement.GetProperty("client").GetProperty("id").GetString()!;

        var row = await RowAsync(
            "SELECT actor_type, actor_id, organization_id::text, entity_type, summary, user_agent, trace_id, occurred_at::text FROM audit_log WHERE action = 'client.created' AND entity_id = @id",
            clientId);
        Assert.Equal("client", row[0]);
        Assert.Equal(tenant.ClientId, row[1]);
        Assert.Equal(tenant.OrganizationId.ToString(), row[2]);
        Assert.Equal("api_client", row[3]);
        Assert.Contains("storefront", row[4], StringComparison.Ordinal);
        Assert.Equal("audit-test/1.0", row[5]);
        Assert.Matches("^[0-9a-f]{32}$", row[6]);
        Assert.NotNull(row[7]);
        Assert.DoesNotContain("dds_", row[4], StringComparison.Ordinal); // the secret is never audited
    }

    [Fact]
    public async Task The_audit_log_refuses_update_delete_and_truncate_even_for_the_owner()
    {
        var tenant = await fixture.CreateTenantAsync("audit-immutable");
        using var http = fixture.Factory.CreateClient();
        await tenant.GetTokenAsync(http); // writes client.token_issued

        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync(Ct);
        foreach (var sql in new[] { "UPDATE audit_log SET summary = 'rewritten'", "DELETE FROM audit_log", "TRUNCATE audit_log" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Ct));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }

        Assert.True(await fixture.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE summary = 'rewritten'") == 0);
        Assert.True(await fixture.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE actor_id = @c", ("c", tenant.ClientId)) > 0);
    }

    [Fact]
    public async Task The_services_role_has_no_update_or_delete_privilege_on_the_audit_log()
    {
        Assert.False(await fixture.ScalarAsync<bool>("SELECT has_table_privilege('digitaldelivery_app', 'audit_log', 'UPDATE')"));
        Assert.False(await fixture.ScalarAsync<bool>("SELECT has_table_privilege('digitaldelivery_app', 'audit_log', 'DELETE')"));
        Assert.True(await fixture.ScalarAsync<bool>("SELECT has_table_privilege('digitaldelivery_app', 'audit_log', 'INSERT')"));
    }

    [Fact]
    public async Task Sign_in_sign_out_failures_and_lockout_are_audited_and_the_sixth_attempt_is_refused_even_with_the_right_password()
    {
        var tenant = await fixture.CreateTenantAsync("audit-signin");
        var email = $"admin-{Guid.NewGuid():N}@a.example";
        const string password = "a long enough passphrase";
        using (var admin = await tenant.AuthorizedClientAsync(fixture.Factory))
        {
            using var created = await admin.PostAsJsonAsync("/api/v1/users", new { email, password, role = "Admin" }, Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var http = fixture.Factory.CreateClient();
        using var signIn = await http.PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password }, Ct);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        using var body = JsonDocument.Parse(await signIn.Content.ReadAsStringAsync(Ct));
        var token = body.RootElement.GetProperty("access_token").GetString()!;
        var userId = body.RootElement.GetProperty("user").GetProperty("id").GetString()!;
        Assert.Contains("admin", body.RootElement.GetProperty("user").GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));

        using (var signOut = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/sign-out"))
        {
            signOut.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var signedOut = await http.SendAsync(signOut, Ct);
            Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await http.PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password = "not the passphrase" }, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            await ProblemAssert.IsProblemAsync(wrong, "https://digitaldelivery.dev/problems/unauthorized");
        }

        using var lockedOut = await http.PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, lockedOut.StatusCode);

        Assert.Equal(1L, await CountAsync("user.signed_in", userId));
        Assert.Equal(1L, await CountAsync("user.signed_out", userId));
        Assert.Equal(4L + 1L, await CountAsync("user.sign_in_failed", userId)); // four wrong passwords, then the locked-out try
        Assert.Equal(1L, await CountAsync("user.locked_out", userId));
    }

    [Fact]
    public async Task Unknown_emails_are_refused_like_wrong_passwords()
    {
        using var http = fixture.Factory.CreateClient();
        using var response = await http.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = "nobody@nowhere.example", password = "whatever it is" }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await ProblemAssert.IsProblemAsync(response, "https://digitaldelivery.dev/problems/unauthorized");
    }

    private async Task<long> CountAsync(string action, string userId) =>
        await fixture.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = @a AND actor_id = @u AND actor_type = 'user'", ("a", action), ("u", userId));

    private async Task<string?[]> RowAsync(string sql, string id)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct), "no audit row");
        return Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i).ToString()).ToArray();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
