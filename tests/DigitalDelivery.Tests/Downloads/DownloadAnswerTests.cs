using System.Net;
using DigitalDelivery.Core.Catalog.Files;
using DigitalDelivery.Core.Entitlements;
using DigitalDelivery.Tests.Identity;
using static DigitalDelivery.Tests.Downloads.DownloadHttp;

namespace DigitalDelivery.Tests.Downloads;

/// <summary>The answers other than bytes, in the order they are checked, each problem+json with its stable type.</summary>
public sealed class DownloadAnswerTests(DownloadsApiFixture fixture) : IClassFixture<DownloadsApiFixture>
{
    [Theory]
    [InlineData("short")]
    [InlineData("this-token-is-far-too-long-to-be-a-download-token-at-all")]
    [InlineData("*******************************************")]
    public async Task A_malformed_token_answers_400(string token)
    {
        using var http = fixture.CreateClient();

        using var response = await http.GetAsync(new Uri("/api/v1/downloads/" + Uri.EscapeDataString(token), UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ProblemAssert.IsProblemAsync(response, DownloadProblemTypes.InvalidToken);
    }

    [Fact]
    public async Task An_unknown_token_answers_404()
    {
        using var http = fixture.CreateClient();

        using var response = await http.GetAsync(new Uri("/api/v1/downloads/" + DownloadToken.Create().Token, UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await ProblemAssert.IsProblemAsync(response, DownloadProblemTypes.UnknownToken);
    }

    [Fact]
    public async Task An_order_page_token_is_not_a_download_token_and_answers_404()
    {
        var grant = await GrantAsync("order-token");
        using var http = fixture.CreateClient();

        using var response = await http.GetAsync(new Uri("/api/v1/downloads/" + grant.OrderToken, UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await ProblemAssert.IsProblemAsync(response, DownloadProblemTypes.UnknownToken);
    }

    [Fact]
    public async Task A_revoked_entitlement_answers_403_revoked_even_when_also_expired_and_exhausted()
    {
        var grant = await GrantAsync("revoked", maxDownloads: 1, expiresAt: DateTimeOffset.UtcNow.AddDays(-1));
        await fixture.ExecuteAsync(
            "UPDATE download_access SET revoked_at = now(), revoked_reason = 'chargeback', downloads_used = 1 WHERE id = @id", ("id", grant.AccessId));

        await AssertAnswerAsync(grant, HttpStatusCode.Forbidden, DownloadProblemTypes.Revoked);
    }

    [Fact]
    public async Task A_revoked_or_superseded_link_answers_403_revoked()
    {
        var grant = await GrantAsync("link-revoked");
        await fixture.ExecuteAsync("UPDATE download_links SET revoked_at = now() WHERE download_access_id = @id", ("id", grant.AccessId));

        await AssertAnswerAsync(grant, HttpStatusCode.Forbidden, DownloadProblemTypes.Revoked);
    }

    [Fact]
    public async Task An_expired_entitlement_answers_410()
    {
        var grant = await GrantAsync("expired", maxDownloads: 1, expiresAt: DateTimeOffset.UtcNow.AddMinutes(-1));
        await fixture.ExecuteAsync("UPDATE download_access SET downloads_used = 1 WHERE id = @id", ("id", grant.AccessId));

        await AssertAnswerAsync(grant, HttpStatusCode.Gone, DownloadProblemTypes.Expired);
    }

    [Fact]
    public async Task A_file_link_past_its_own_lifetime_answers_410()
    {
        var grant = await GrantAsync("link-expired");
        await fixture.ExecuteAsync("UPDATE download_links SET expires_at = now() - interval '1 second' WHERE download_access_id = @id", ("id", grant.AccessId));

        await AssertAnswerAsync(grant, HttpStatusCode.Gone, DownloadProblemTypes.Expired);
    }

    [Fact]
    public async Task An_exhausted_entitlement_answers_403_limit_before_looking_at_the_file()
    {
        var grant = await GrantAsync("exhausted", maxDownloads: 2, status: FileStatuses.Infected);
        await fixture.ExecuteAsync("UPDATE download_access SET downloads_used = 2 WHERE id = @id", ("id", grant.AccessId));

        await AssertAnswerAsync(grant, HttpStatusCode.Forbidden, DownloadProblemTypes.LimitReached);
    }

    [Theory]
    [InlineData(FileStatuses.Pending)]
    [InlineData(FileStatuses.Infected)]
    [InlineData(FileStatuses.ScanFailed)]
    public async Task A_file_that_is_not_clean_answers_404_and_does_not_count(string status)
    {
        var grant = await GrantAsync("unclean-" + status, maxDownloads: 1, status: status);

        await AssertAnswerAsync(grant, HttpStatusCode.NotFound, DownloadProblemTypes.FileUnavailable);
        Assert.Equal(0, await fixture.DownloadsUsedAsync(grant.AccessId));
    }

    [Fact]
    public async Task A_caller_signed_in_to_another_organization_still_downloads_by_link()
    {
        var grant = await GrantAsync("other-bearer");
        var other = await fixture.CreateTenantAsync("answers-other-bearer");
        using var http = fixture.CreateClient();
        using var tokens = fixture.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await other.GetTokenAsync(tokens));

        var bytes = await BytesAsync(http, Get(grant));

        Assert.Equal(1000, bytes.Length);
    }

    private async Task AssertAnswerAsync(Grant grant, HttpStatusCode status, string type)
    {
        using var http = fixture.CreateClient();
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
        {
            using var response = await http.SendAsync(new HttpRequestMessage(method, grant.Path), Cancel);
            Assert.Equal(status, response.StatusCode);
            Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true });
            if (method == HttpMethod.Get)
            {
                await ProblemAssert.IsProblemAsync(response, type);
            }
        }
    }

    private async Task<Grant> GrantAsync(string name, int? maxDownloads = null, DateTimeOffset? expiresAt = null, string status = FileStatuses.Clean)
    {
        var tenant = await fixture.CreateTenantAsync("answers-" + name);
        var file = await fixture.SeedPatternFileAsync(tenant, 1000, name + ".bin", status);
        return await fixture.GrantAsync(file, maxDownloads, expiresAt);
    }
}
