extern alias api;

using System.Net;
using DigitalDelivery.Core.Entitlements;
using DigitalDelivery.Tests.Identity;
using Microsoft.Extensions.DependencyInjection;
using static DigitalDelivery.Tests.CustomerAccess.CustomerAccessHttp;
using ProblemTypes = api::DigitalDelivery.Api.Problems.ProblemTypes;

namespace DigitalDelivery.Tests.CustomerAccess;

/// <summary>GET /api/v1/my/{token} and the click-time file links: token checks, states, tenant-safe lookups.</summary>
public sealed class CustomerPageTests(CustomerAccessFixture fixture) : IClassFixture<CustomerAccessFixture>
{
    [Theory]
    [InlineData("abc")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%3D")]
    public async Task A_malformed_page_token_answers_400(string token)
    {
        using var http = fixture.Factory.CreateClient();

        using var response = await http.GetAsync(new Uri($"/api/v1/my/{token}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ProblemAssert.IsProblemAsync(response, ProblemTypes.InvalidLinkToken);
    }

    [Fact]
    public async Task A_page_token_works_for_a_caller_that_also_sends_another_organizations_bearer_token()
    {
        var tenant = await fixture.CreateTenantAsync("page-owner");
        var other = await fixture.CreateTenantAsync("page-other-bearer");
        var order = await fixture.SeedOrderAsync(tenant.OrganizationId);
        var token = await fixture.MintOrderLinkAsync(order);
        using var http = await other.AuthorizedClientAsync(fixture.Factory);

        using var page = await http.GetAsync(new Uri($"/api/v1/my/{token}", UriKind.Relative), Ct);
        using var link = await PostJsonAsync(http, $"/api/v1/my/{token}/files/{order.AccessId}/link");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, link.StatusCode);
    }

    [Fact]
    public async Task An_unknown_a_retired_or_a_file_token_answers_404()
    {
        var tenant = await fixture.CreateTenantAsync("page-404");
        var order = await fixture.SeedOrderAsync(tenant.OrganizationId);
        var retired = await fixture.MintOrderLinkAsync(order);
        await fixture.InTenantScopeAsync(order.OrganizationId, services =>
            services.GetRequiredService<DownloadLinks>().RetireOrderLinksAsync(order.OrderId, Ct));
        string fileToken = string.Empty;
        await fixture.InTenantScopeAsync(order.OrganizationId, async services =>
        {
            var db = services.GetRequiredService<DigitalDelivery.Core.Persistence.DeliveryDbContext>();
            var access = await db.FindAsync<DownloadAccess>([order.AccessId], Ct);
            fileToken = services.GetRequiredService<DownloadLinks>().MintFileLink(access!);
            await db.SaveChangesAsync(Ct);
        });
        using var http = fixture.Factory.CreateClient();

        foreach (var token in new[] { DownloadToken.Create().Token, retired, fileToken })
        {
            using var response = await http.GetAsync(new Uri($"/api/v1/my/{token}", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            await ProblemAssert.IsProblemAsync(response, ProblemTypes.UnknownLink);
        }
    }

    [Fact]
    public async Task The_page_shows_each_files_state_and_downloads_left()
    {
        var tenant = await fixture.CreateTenantAsync("page-states");
        var order = await fixture.SeedOrderAsync(tenant.OrganizationId, new OrderSeed { MaxDownloads = null });
        var token = await fixture.MintOrderLinkAsync(order);
        using var http = fixture.Factory.CreateClient();

        var page = await GetJsonAsync(http, $"/api/v1/my/{token}");

        var file = Assert.Single(page.GetProperty("files").EnumerateArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, file.GetProperty("downloads_left").ValueKind);
        Assert.Equal(2048, file.GetProperty("size_bytes").GetInt64());
        Assert.Equal("available", file.GetProperty("state").GetString());
        Assert.Empty(page.GetProperty("license_keys").EnumerateArray());

        foreach (var (seed, state) in new (OrderSeed, string)[]
        {
            (new OrderSeed { Revoked = true }, "revoked"),
            (new OrderSeed { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, "expired"),
            (new OrderSeed { MaxDownloads = 2, DownloadsUsed = 2 }, "limit-reached"),
            (new OrderSeed { FileStatus = "infected" }, "unavailable"),
        })
        {
            var other = await fixture.SeedOrderAsync(tenant.OrganizationId, seed);
            var otherPage = await GetJsonAsync(http, $"/api/v1/my/{await fixture.MintOrderLinkAsync(other)}");
            var otherFile = Assert.Single(otherPage.GetProperty("files").EnumerateArray());
            Assert.Equal(state, otherFile.GetProperty("state").GetString());
        }
    }

    [Fact]
    public async Task A_file_link_is_minted_on_request_for_an_available_file_only()
    {
        var tenant = await fixture.CreateTenantAsync("page-links");
        var order = await fixture.SeedOrderAsync(tenant.OrganizationId);
        var exhausted = await fixture.SeedOrderAsync(tenant.OrganizationId, new OrderSeed { MaxDownloads = 1, DownloadsUsed = 1 });
        var token = await fixture.MintOrderLinkAsync(order);
        var exhaustedToken = await fixture.MintOrderLinkAsync(exhausted);
        using var http = fixture.Factory.CreateClient();

        using var minted = await PostJsonAsync(http, $"/api/v1/my/{token}/files/{order.AccessId}/link");
        var link = await JsonAsync(minted, HttpStatusCode.OK);
        var url = link.GetProperty("download_url").GetString()!;
        Assert.StartsWith("/api/v1/downloads/", url, StringComparison.Ordinal);
        Assert.True(DownloadToken.TryHash(url["/api/v1/downloads/".Length..], out var hash));
        Assert.Equal(1L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM download_links WHERE token_hash = @hash AND kind = 'file' AND download_access_id = @id AND expires_at > now()",
            ("hash", hash), ("id", order.AccessId)));

        using var limitReached = await PostJsonAsync(http, $"/api/v1/my/{exhaustedToken}/files/{exhausted.AccessId}/link");
        Assert.Equal(HttpStatusCode.Conflict, limitReached.StatusCode);
        await ProblemAssert.IsProblemAsync(limitReached, ProblemTypes.EntitlementNotAvailable);

        // Another order's entitlement through this order's token: not found.
        using var foreign = await PostJsonAsync(http, $"/api/v1/my/{token}/files/{exhausted.AccessId}/link");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task Page_tokens_of_two_tenants_each_show_only_their_own_order()
    {
        var first = await fixture.CreateTenantAsync("page-tenant-a");
        var second = await fixture.CreateTenantAsync("page-tenant-b");
        var a = await fixture.SeedOrderAsync(first.OrganizationId);
        var b = await fixture.SeedOrderAsync(second.OrganizationId);
        using var http = fixture.Factory.CreateClient();

        var pageA = await GetJsonAsync(http, $"/api/v1/my/{await fixture.MintOrderLinkAsync(a)}");
        var pageB = await GetJsonAsync(http, $"/api/v1/my/{await fixture.MintOrderLinkAsync(b)}");

        Assert.Equal(a.FileName, Assert.Single(pageA.GetProperty("files").EnumerateArray()).GetProperty("file_name").GetString());
        Assert.Equal(b.FileName, Assert.Single(pageB.GetProperty("files").EnumerateArray()).GetProperty("file_name").GetString());
    }
}
