using System.Net;
using DigitalDelivery.Core.Entitlements;
using DigitalDelivery.Tests.Identity;
using static DigitalDelivery.Tests.Downloads.DownloadHttp;

namespace DigitalDelivery.Tests.Downloads;

public sealed class DownloadFloodTests(FloodDownloadsApiFixture fixture) : IClassFixture<FloodDownloadsApiFixture>
{
    [Fact]
    public async Task A_flood_of_bad_tokens_is_answered_429_after_the_limit_and_never_500()
    {
        using var http = fixture.CreateClient();
        var tokens = Enumerable.Range(0, FloodDownloadsApiFixture.Limit * 3)
            .Select(i => i % 2 == 0 ? DownloadToken.Create().Token : $"garbage-{i}")
            .ToList();

        var responses = await Task.WhenAll(tokens.Select(async token =>
        {
            using var response = await http.GetAsync(new Uri("/api/v1/downloads/" + token, UriKind.Relative), Cancel);
            var problem = response.StatusCode == HttpStatusCode.TooManyRequests
                ? await ProblemAssert.IsProblemAsync(response, DownloadProblemTypes.RateLimited)
                : default;
            return (response.StatusCode, RetryAfter: response.Headers.RetryAfter is not null);
        }));

        Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests }));
        Assert.Equal(FloodDownloadsApiFixture.Limit, responses.Count(r => r.StatusCode != HttpStatusCode.TooManyRequests));
        Assert.All(responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests), r => Assert.True(r.RetryAfter));

        // The flooding address stays refused for the rest of the window, valid link or not; it sent no bytes.
        var tenant = await fixture.CreateTenantAsync("flood-victim");
        var grant = await fixture.GrantAsync(await fixture.SeedPatternFileAsync(tenant, 1000, "flood.bin"), maxDownloads: 1);
        using var blocked = await http.GetAsync(new Uri(grant.Path, UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Equal(0, await fixture.DownloadsUsedAsync(grant.AccessId));
    }

    [Fact]
    public async Task Addresses_forwarded_by_a_trusted_proxy_are_limited_one_by_one()
    {
        // Kestrel on loopback: the caller is a trusted proxy (as the Web is), so X-Forwarded-For names the client.
        using var http = fixture.CreateClient();
        var flooding = await Task.WhenAll(Enumerable.Range(0, FloodDownloadsApiFixture.Limit + 5).Select(_ => BadTokenAsync(http, "203.0.113.10")));
        var neighbour = await BadTokenAsync(http, "203.0.113.11");

        Assert.Contains(HttpStatusCode.TooManyRequests, flooding);
        Assert.Equal(HttpStatusCode.NotFound, neighbour);
    }

    private static async Task<HttpStatusCode> BadTokenAsync(HttpClient http, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/downloads/" + DownloadToken.Create().Token);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        using var response = await http.SendAsync(request, Cancel);
        return response.StatusCode;
    }
}
