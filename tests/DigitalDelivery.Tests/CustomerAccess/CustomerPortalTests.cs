using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using static DigitalDelivery.Tests.CustomerAccess.CustomerAccessHttp;

namespace DigitalDelivery.Tests.CustomerAccess;

/// <summary>The Web app's public customer pages, rendered on the server from the Api, without signing in.</summary>
public sealed partial class CustomerPortalTests(CustomerAccessFixture fixture) : IClassFixture<CustomerAccessFixture>
{
    [Fact]
    public async Task The_customer_page_shows_the_file_name_downloads_left_and_license_keys()
    {
        var tenant = await fixture.CreateTenantAsync("portal-page");
        var order = await fixture.SeedOrderAsync(tenant.OrganizationId, new OrderSeed { MaxDownloads = 4, DownloadsUsed = 1, LicenseKey = "PORTAL-KEY-9876" });
        var token = await fixture.MintOrderLinkAsync(order);
        await using var portal = fixture.Portal();
        using var browser = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await browser.GetAsync(new Uri($"/my/{token}", UriKind.Relative), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(order.FileName, html, StringComparison.Ordinal);
        Assert.Contains("3 of 4", html, StringComparison.Ordinal);
        Assert.Contains("PORTAL-KEY-9876", html, StringComparison.Ordinal);
        Assert.Contains($"/my/{token}/files/{order.AccessId}/download", html, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task The_download_button_sends_the_browser_to_a_fresh_api_download_link()
    {
        var tenant = await fixture.CreateTenantAsync("portal-download");
        var order = await fixture.SeedOrderAsync(tenant.OrganizationId);
        var token = await fixture.MintOrderLinkAsync(order);
        await using var portal = fixture.Portal();
        using var browser = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await browser.PostAsync(new Uri($"/my/{token}/files/{order.AccessId}/download", UriKind.Relative), null, Ct);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Matches(DownloadUrl(), response.Headers.Location!.AbsoluteUri);
    }

    [Fact]
    public async Task An_unknown_link_shows_a_page_that_offers_fresh_links()
    {
        await using var portal = fixture.Portal();
        using var browser = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await browser.GetAsync(new Uri($"/my/{Core.Entitlements.DownloadToken.Create().Token}", UriKind.Relative), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This link does not work", html, StringComparison.Ordinal);
        Assert.Contains("/my/resend", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_resend_form_answers_neutrally()
    {
        await using var portal = fixture.Portal();
        using var browser = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await browser.GetStringAsync(new Uri("/my/resend", UriKind.Relative), Ct);

        using var response = await browser.PostAsync(new Uri("/my/resend", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "resend-links",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(form).Groups[1].Value),
            ["Input.Email"] = $"someone-{Guid.NewGuid():N}@customers.example",
        }), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("fresh links are on their way", html, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^http://api\.test/api/v1/downloads/[A-Za-z0-9_-]{43}$")]
    private static partial Regex DownloadUrl();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
