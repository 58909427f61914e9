using System.Net;
using DigitalDelivery.Tests.Redis;
using static DigitalDelivery.Tests.Downloads.DownloadHttp;

namespace DigitalDelivery.Tests.Downloads;

/// <summary>Redirect mode: a 302 to a short-lived read-only SAS URL of the one blob, counted when it is handed out.</summary>
public sealed class RedirectDownloadTests(RedirectDownloadsApiFixture fixture) : IClassFixture<RedirectDownloadsApiFixture>
{
    [Fact]
    public async Task The_redirect_url_serves_the_file_while_valid_and_is_refused_after_its_lifetime()
    {
        var tenant = await fixture.CreateTenantAsync("redirect");
        var file = await fixture.SeedPatternFileAsync(tenant, 300_000, "manual.pdf");
        var grant = await fixture.GrantAsync(file, maxDownloads: 1);
        using var http = fixture.CreateClient();
        using var storage = new HttpClient();

        using var redirect = await http.SendAsync(Get(grant), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.True(redirect.Headers.CacheControl is { Private: true, NoStore: true });
        var location = redirect.Headers.Location!;
        Assert.Contains("sp=r", location.Query, StringComparison.Ordinal);
        Assert.Equal(1, await fixture.DownloadsUsedAsync(grant.AccessId));

        using (var served = await storage.GetAsync(location, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(file.Sha256, Sha256(await served.Content.ReadAsByteArrayAsync(Cancel)));
            Assert.Contains("manual.pdf", served.Content.Headers.ContentDisposition?.ToString() ?? string.Empty, StringComparison.Ordinal);
        }

        // The SAS lives 2 s (second resolution): wait until storage refuses it, with a generous timeout.
        await Eventually.ReturnsAsync(
            async () =>
            {
                using var late = await storage.GetAsync(location, Cancel);
                return late.StatusCode;
            },
            status => status == HttpStatusCode.Forbidden,
            TimeSpan.FromSeconds(30),
            "Blob storage refuses the expired SAS URL");

        // Following the link again inside the session hands out a fresh URL without counting again.
        using var again = await http.SendAsync(Get(grant), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(1, await fixture.DownloadsUsedAsync(grant.AccessId));
    }

    [Fact]
    public async Task Head_in_redirect_mode_answers_the_headers_and_does_not_count()
    {
        var tenant = await fixture.CreateTenantAsync("redirect-head");
        var file = await fixture.SeedPatternFileAsync(tenant, 5_000, "head.bin");
        var grant = await fixture.GrantAsync(file, maxDownloads: 1);
        using var http = fixture.CreateClient();

        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, grant.Path), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5_000, response.Content.Headers.ContentLength);
        Assert.Equal(0, await fixture.DownloadsUsedAsync(grant.AccessId));
    }
}
