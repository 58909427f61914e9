using System.Net;
using System.Net.Http.Json;

namespace DigitalDelivery.Tests.Identity;

public sealed class RateLimitingTests(RateLimitingFixture fixture) : IClassFixture<RateLimitingFixture>
{
    private static readonly string[] CatalogRead = ["catalog:read"];

    [Fact]
    public async Task The_token_endpoint_answers_429_with_Retry_After_once_a_client_spends_its_limit_and_other_clients_are_unaffected()
    {
        var busy = await fixture.CreateTenantAsync("busy");
        var quiet = await fixture.CreateTenantAsync("quiet");
        using var http = fixture.Factory.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            await busy.GetTokenAsync(http);
        }

        using var limited = await RequestTokenAsync(http, busy);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After must give a positive delay");
        await ProblemAssert.IsProblemAsync(limited, "https://digitaldelivery.dev/problems/rate-limited");

        using var other = await RequestTokenAsync(http, quiet);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Writes_are_limited_per_client_but_reads_are_not()
    {
        var tenant = await fixture.CreateTenantAsync("writer");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);

        for (var i = 0; i < 3; i++)
        {
            using var created = await http.PostAsJsonAsync("/api/v1/clients", new { name = $"c{i}", scopes = CatalogRead }, Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var limited = await http.PostAsJsonAsync("/api/v1/clients", new { name = "one too many", scopes = CatalogRead }, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        await ProblemAssert.IsProblemAsync(limited, "https://digitaldelivery.dev/problems/rate-limited");

        for (var i = 0; i < 5; i++)
        {
            using var read = await http.GetAsync(new Uri("/api/v1/clients", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }
    }

    [Fact]
    public async Task Sign_in_is_limited_per_account_so_one_account_under_attack_does_not_block_the_others()
    {
        using var http = fixture.Factory.CreateClient();
        var attacked = $"attacked-{Guid.NewGuid():N}@example.com";

        for (var i = 0; i < 3; i++)
        {
            using var refused = await http.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = attacked, password = "guess number " + i }, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var limited = await http.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = attacked.ToUpperInvariant(), password = "another guess" }, Ct);
        using var other = await http.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = $"other-{Guid.NewGuid():N}@example.com", password = "a guess" }, Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
    }

    [Fact]
    public async Task Two_instances_share_one_limit_through_Redis()
    {
        var tenant = await fixture.CreateTenantAsync("shared");
        await using var second = new ApiFactory(fixture.ConnectionString, fixture.Infrastructure.Redis.ConnectionString, fixture.Settings);
        using var firstHttp = fixture.Factory.CreateClient();
        using var secondHttp = second.CreateClient();

        await tenant.GetTokenAsync(firstHttp);
        await tenant.GetTokenAsync(secondHttp);
        await tenant.GetTokenAsync(firstHttp);
        using var limited = await RequestTokenAsync(secondHttp, tenant);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }

    [Fact]
    public async Task When_Redis_is_unreachable_requests_still_succeed_and_are_limited_in_process()
    {
        var tenant = await fixture.CreateTenantAsync("no-redis");
        var unreachable = $"127.0.0.1:{DigitalDelivery.LocalServers.FreePort.Next()},password=nothing,connectTimeout=500";
        await using var isolated = new ApiFactory(fixture.ConnectionString, unreachable, fixture.Settings);
        using var http = isolated.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            using var granted = await RequestTokenAsync(http, tenant);
            Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        }

        using var limited = await RequestTokenAsync(http, tenant);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    private static Task<HttpResponseMessage> RequestTokenAsync(HttpClient http, TestTenant tenant) =>
        http.PostAsync(
            new Uri("/connect/token", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = tenant.ClientId, ["client_secret"] = tenant.ClientSecret,
            }),
            Ct);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
