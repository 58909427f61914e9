extern alias api;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalDelivery.Tests.CustomerAccess;
using DigitalDelivery.Tests.Identity;
using static DigitalDelivery.Tests.CustomerAccess.CustomerAccessHttp;
using ProblemTypes = api::DigitalDelivery.Api.Problems.ProblemTypes;
using Scopes = api::DigitalDelivery.Api.Identity.Scopes;

namespace DigitalDelivery.Tests.Organizations;

/// <summary>/api/v1/platform/organizations: a platform operator creates, lists, suspends and reactivates merchants.</summary>
public sealed class PlatformOrganizationTests(CustomerAccessFixture fixture) : IClassFixture<CustomerAccessFixture>
{
    private const string Path = "/api/v1/platform/organizations";

    [Fact]
    public async Task A_platform_client_creates_an_organization_whose_owner_and_client_work_at_once()
    {
        using var platform = await PlatformClientAsync();
        var slug = NewSlug("created");

        using var response = await platform.PostAsJsonAsync(Path, new { name = "Northwind Books", slug, owner_email = $"owner@{slug}.test" }, Ct);

        var created = await JsonAsync(response, HttpStatusCode.Created);
        var organizationId = created.GetProperty("organization").GetProperty("id").GetGuid();
        Assert.Equal($"{Path}/{organizationId}", response.Headers.Location?.OriginalString);
        Assert.Equal("active", created.GetProperty("organization").GetProperty("status").GetString());
        var client = created.GetProperty("client");
        Assert.DoesNotContain(Scopes.Platform, client.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        var merchant = new TestTenant(organizationId, Guid.Empty, client.GetProperty("client_id").GetString()!, client.GetProperty("client_secret").GetString()!);
        using var merchantHttp = await merchant.AuthorizedClientAsync(fixture.Factory);
        var own = await GetJsonAsync(merchantHttp, "/api/v1/organization");
        Assert.Equal("Northwind Books", own.GetProperty("name").GetString());
        Assert.Equal(slug, own.GetProperty("slug").GetString());

        using var anonymous = fixture.Factory.CreateClient();
        var owner = created.GetProperty("owner");
        using var signIn = await anonymous.PostAsJsonAsync(
            "/api/v1/auth/sign-in", new { email = owner.GetProperty("email").GetString(), password = owner.GetProperty("password").GetString() }, Ct);
        var user = await JsonAsync(signIn, HttpStatusCode.OK);
        Assert.Equal(organizationId, user.GetProperty("user").GetProperty("organization_id").GetGuid());

        var listed = await GetJsonAsync(platform, $"{Path}?status=active&limit=200");
        Assert.Contains(listed.EnumerateArray(), o => o.GetProperty("id").GetGuid() == organizationId);
        Assert.Equal(1L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'organization.created' AND entity_id = @id", ("id", organizationId.ToString())));
    }

    [Fact]
    public async Task A_taken_slug_is_a_409_and_nothing_else_is_created()
    {
        using var platform = await PlatformClientAsync();
        var slug = NewSlug("taken");
        using var first = await platform.PostAsJsonAsync(Path, new { name = "First", slug, owner_email = $"first@{slug}.test" }, Ct);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var second = await platform.PostAsJsonAsync(Path, new { name = "Second", slug, owner_email = $"second@{slug}.test" }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        await ProblemAssert.IsProblemAsync(second, ProblemTypes.DuplicateSlug);
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM users WHERE email = @email", ("email", $"second@{slug}.test")));
    }

    [Theory]
    [InlineData("upper case", """{"name":"x","slug":"Shop","owner_email":"a@b.test"}""")]
    [InlineData("trailing hyphen", """{"name":"x","slug":"shop-","owner_email":"a@b.test"}""")]
    [InlineData("no email", """{"name":"x","slug":"shop"}""")]
    [InlineData("bad email", """{"name":"x","slug":"shop","owner_email":"not-an-email"}""")]
    public async Task An_invalid_organization_is_a_400_validation_problem(string @case, string body)
    {
        Assert.NotEmpty(@case);
        using var platform = await PlatformClientAsync();

        using var response = await platform.PostAsync(new Uri(Path, UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ProblemAssert.IsProblemAsync(response, ProblemTypes.Validation);
    }

    [Fact]
    public async Task A_merchant_without_the_platform_scope_gets_403_and_cannot_grant_it_to_a_client()
    {
        var merchant = await fixture.CreateTenantAsync("no-platform");
        using var http = await merchant.AuthorizedClientAsync(fixture.Factory);

        using var list = await http.GetAsync(new Uri(Path, UriKind.Relative), Ct);
        using var grant = await http.PostAsJsonAsync("/api/v1/clients", new { name = "escalation", scopes = new[] { Scopes.Platform } }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, grant.StatusCode);
        var problem = await ProblemAssert.IsProblemAsync(grant, ProblemTypes.Validation);
        Assert.True(problem.GetProperty("errors").TryGetProperty("scopes", out _));
    }

    [Fact]
    public async Task A_suspended_organization_is_refused_everywhere_but_its_customers_links_until_it_is_reactivated()
    {
        using var platform = await PlatformClientAsync();
        var merchant = await fixture.CreateTenantAsync("suspended-merchant");
        using var tokenBefore = await merchant.AuthorizedClientAsync(fixture.Factory);
        var order = await fixture.SeedOrderAsync(merchant.OrganizationId);
        var pageToken = await fixture.MintOrderLinkAsync(order);

        using var suspend = await platform.PostAsJsonAsync($"{Path}/{merchant.OrganizationId}/suspend", new { reason = "unpaid platform invoice" }, Ct);

        var suspended = await JsonAsync(suspend, HttpStatusCode.OK);
        Assert.Equal("suspended", suspended.GetProperty("status").GetString());
        Assert.Equal("unpaid platform invoice", suspended.GetProperty("suspension_reason").GetString());
        using (var refused = await tokenBefore.GetAsync(new Uri("/api/v1/organization", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            await ProblemAssert.IsProblemAsync(refused, ProblemTypes.OrganizationSuspended);
        }

        using var anonymous = fixture.Factory.CreateClient();
        using (var token = await anonymous.PostAsync(new Uri("/connect/token", UriKind.Relative), TokenForm(merchant), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);
            using var error = JsonDocument.Parse(await token.Content.ReadAsStringAsync(Ct));
            Assert.Equal("unauthorized_client", error.RootElement.GetProperty("error").GetString());
        }

        var page = await GetJsonAsync(anonymous, $"/api/v1/my/{pageToken}");
        Assert.Single(page.GetProperty("files").EnumerateArray());

        using var reactivate = await platform.PostAsync(new Uri($"{Path}/{merchant.OrganizationId}/reactivate", UriKind.Relative), null, Ct);
        Assert.Equal("active", (await JsonAsync(reactivate, HttpStatusCode.OK)).GetProperty("status").GetString());
        using var again = await tokenBefore.GetAsync(new Uri("/api/v1/organization", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task A_platform_organization_cannot_suspend_itself_and_an_unknown_one_is_404()
    {
        var operatorTenant = await fixture.CreateTenantAsync("platform-self", [.. Scopes.All]);
        using var platform = await operatorTenant.AuthorizedClientAsync(fixture.Factory);

        using var self = await platform.PostAsJsonAsync($"{Path}/{operatorTenant.OrganizationId}/suspend", new { reason = "oops" }, Ct);
        using var unknown = await platform.PostAsJsonAsync($"{Path}/{Guid.NewGuid()}/suspend", new { reason = "who" }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        await ProblemAssert.IsProblemAsync(self, ProblemTypes.Conflict);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await ProblemAssert.IsProblemAsync(unknown, ProblemTypes.NotFound);
    }

    private async Task<HttpClient> PlatformClientAsync()
    {
        var operatorTenant = await fixture.CreateTenantAsync("platform-operator", [.. Scopes.All]);
        return await operatorTenant.AuthorizedClientAsync(fixture.Factory);
    }

    private static FormUrlEncodedContent TokenForm(TestTenant tenant) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = tenant.ClientId,
        ["client_secret"] = tenant.ClientSecret,
    });

    private static string NewSlug(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
