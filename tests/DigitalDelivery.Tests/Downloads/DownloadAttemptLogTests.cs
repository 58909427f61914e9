using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalDelivery.Tests.Identity;
using DigitalDelivery.Tests.Redis;
using static DigitalDelivery.Tests.Downloads.DownloadHttp;

namespace DigitalDelivery.Tests.Downloads;

/// <summary>Every attempt on a file link is logged off the request path and listed to admins per order and per entitlement.</summary>
public sealed class DownloadAttemptLogTests(DownloadsApiFixture fixture) : IClassFixture<DownloadsApiFixture>
{
    [Fact]
    public async Task Attempts_are_logged_with_outcome_and_bytes_and_listed_per_order_and_entitlement_with_paging()
    {
        var tenant = await fixture.CreateTenantAsync("attempts");
        var file = await fixture.SeedPatternFileAsync(tenant, 20_000, "log.bin");
        var grant = await fixture.GrantAsync(file, maxDownloads: 1);
        using var http = fixture.CreateClient("attempt-logger");
        await BytesAsync(http, Get(grant));
        await BytesAsync(http, Get(grant, 100, 199));
        using (await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, grant.Path), Cancel))
        using (await http.SendAsync(Get(grant, 50_000), Cancel))
        {
        }

        using var admin = fixture.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await tenant.GetTokenAsync(admin, "downloads:admin"));
        var page = await Eventually.ReturnsAsync(
            () => admin.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/entitlements/{grant.AccessId}/download-attempts", UriKind.Relative), Cancel),
            body => body.GetProperty("total").GetInt32() == 4,
            TimeSpan.FromSeconds(15),
            "the four attempts are written");

        var items = page.GetProperty("items").EnumerateArray().Reverse().ToList(); // oldest first
        Assert.Equal(["completed", "completed", "head", "range_not_satisfiable"], items.Select(i => i.GetProperty("outcome").GetString()));
        Assert.Equal([200, 206, 200, 416], items.Select(i => i.GetProperty("status_code").GetInt32()));
        Assert.Equal([20_000L, 100L, 0L, 0L], items.Select(i => i.GetProperty("bytes_sent").GetInt64()));
        Assert.Equal([true, false, false, false], items.Select(i => i.GetProperty("counted").GetBoolean()));
        Assert.Equal("bytes=100-199", items[1].GetProperty("range").GetString());
        Assert.Equal("attempt-logger", items[0].GetProperty("user_agent").GetString());

        var byOrder = await admin.GetFromJsonAsync<JsonElement>(
            new Uri($"/api/v1/orders/{grant.OrderId}/download-attempts?page=2&page_size=3", UriKind.Relative), Cancel);
        Assert.Equal(4, byOrder.GetProperty("total").GetInt32());
        Assert.Single(byOrder.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Attempts_still_queued_when_the_Api_stops_are_written_before_it_exits()
    {
        var tenant = await fixture.CreateTenantAsync("attempts-shutdown");
        var file = await fixture.SeedPatternFileAsync(tenant, 5_000, "shutdown.bin");
        var grant = await fixture.GrantAsync(file);
        const int Requests = 40;
        // A second Api on the same database, stopped right after its requests (normal shutdown).
        var api = new ApiFactory(fixture.ConnectionString, fixture.Infrastructure.Redis.ConnectionString, fixture.Settings);
        using (var http = api.CreateClient())
        {
            await Task.WhenAll(Enumerable.Range(0, Requests).Select(async _ =>
            {
                using var response = await http.GetAsync(new Uri(grant.Path, UriKind.Relative), Cancel);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }));
        }

        await api.DisposeAsync();

        Assert.Equal(Requests, await fixture.ScalarAsync<long>("SELECT count(*) FROM download_attempts WHERE download_access_id = @id", ("id", grant.AccessId)));
    }

    [Fact]
    public async Task The_attempt_log_needs_the_downloads_admin_scope_and_stays_within_the_tenant()
    {
        var owner = await fixture.CreateTenantAsync("attempts-owner");
        var other = await fixture.CreateTenantAsync("attempts-other");
        var file = await fixture.SeedPatternFileAsync(owner, 1_000, "private.bin");
        var grant = await fixture.GrantAsync(file);
        using var http = fixture.CreateClient();
        using var tokens = fixture.CreateClient(); // no bearer of its own: the token endpoint is asked as an anonymous client
        var ordersOnly = await owner.GetTokenAsync(tokens, "orders:read");
        var otherAdmin = await other.GetTokenAsync(tokens, "downloads:admin");

        using var anonymous = await http.GetAsync(new Uri($"/api/v1/entitlements/{grant.AccessId}/download-attempts", UriKind.Relative), Cancel);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ordersOnly);
        using var withoutScope = await http.GetAsync(new Uri($"/api/v1/orders/{grant.OrderId}/download-attempts", UriKind.Relative), Cancel);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", otherAdmin);
        using var otherTenant = await http.GetAsync(new Uri($"/api/v1/orders/{grant.OrderId}/download-attempts", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withoutScope.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherTenant.StatusCode);
    }
}
