using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DigitalDelivery.Tests.Identity;

/// <summary>Tenant A, with every scope, tries every endpoint against tenant B's resources.</summary>
public sealed class TenantIsolationTests(IdentityApiFixture fixture) : IClassFixture<IdentityApiFixture>
{
    private static readonly string[] CatalogRead = ["catalog:read"];

    public static TheoryData<string, string, string?> ByIdEndpoints => new()
    {
        // method, path ({client} and {user} are tenant B's ids), JSON body
        { "GET", "/api/v1/clients/{client}", null },
        { "PUT", "/api/v1/clients/{client}", """{"name":"hijacked","scopes":["admin"]}""" },
        { "POST", "/api/v1/clients/{client}/secret", null },
        { "DELETE", "/api/v1/clients/{client}", null },
        { "GET", "/api/v1/users/{user}", null },
        { "PUT", "/api/v1/users/{user}/role", """{"role":"Admin"}""" },
        { "DELETE", "/api/v1/users/{user}", null },
    };

    [Theory]
    [MemberData(nameof(ByIdEndpoints))]
    public async Task Tenant_A_gets_404_for_tenant_Bs_resources_and_changes_nothing(string method, string path, string? body)
    {
        var (a, b, bUserId) = await TwoTenantsAsync();
        using var http = await a.AuthorizedClientAsync(fixture.Factory);
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{client}", b.ClientRowId.ToString()).Replace("{user}", bUserId.ToString()));
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await ProblemAssert.IsProblemAsync(response, "https://digitaldelivery.dev/problems/not-found");
        Assert.Equal("tenant-b", await fixture.ScalarAsync<string>("SELECT name FROM api_clients WHERE id = @id", ("id", b.ClientRowId)));
        Assert.Null(await fixture.ScalarAsync<DateTimeOffset?>("SELECT secret_rotated_at FROM api_clients WHERE id = @id", ("id", b.ClientRowId)));
        Assert.Equal("Viewer", await fixture.ScalarAsync<string>(
            "SELECT r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = @id", ("id", bUserId)));
    }

    public static TheoryData<string> ListEndpoints => ["/api/v1/clients", "/api/v1/users", "/api/v1/audit-log", "/api/v1/organization"];

    [Theory]
    [MemberData(nameof(ListEndpoints))]
    public async Task Tenant_A_lists_show_nothing_of_tenant_B(string path)
    {
        var (a, b, bUserId) = await TwoTenantsAsync();
        using var http = await a.AuthorizedClientAsync(fixture.Factory);

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(b.ClientRowId.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(b.ClientId, text, StringComparison.Ordinal);
        Assert.DoesNotContain(b.OrganizationId.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(bUserId.ToString(), text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Tenant_A_creates_in_its_own_tenant_even_when_the_body_names_another()
    {
        var (a, b, _) = await TwoTenantsAsync();
        using var http = await a.AuthorizedClientAsync(fixture.Factory);

        using var response = await http.PostAsJsonAsync("/api/v1/clients", new { name = "mine", scopes = CatalogRead, organization_id = b.OrganizationId }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var id = json.RootElement.GetProperty("client").GetProperty("id").GetGuid();
        Assert.Equal(a.OrganizationId, await fixture.ScalarAsync<Guid>("SELECT organization_id FROM api_clients WHERE id = @id", ("id", id)));
    }

    private async Task<(TestTenant A, TestTenant B, Guid BUserId)> TwoTenantsAsync()
    {
        var a = await fixture.CreateTenantAsync("tenant-a");
        var b = await fixture.CreateTenantAsync("tenant-b");
        using var bHttp = await b.AuthorizedClientAsync(fixture.Factory);
        using var created = await bHttp.PostAsJsonAsync(
            "/api/v1/users", new { email = $"viewer-{Guid.NewGuid():N}@b.example", password = "correct horse battery", role = "Viewer" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct));
        return (a, b, json.RootElement.GetProperty("id").GetGuid());
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
