using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using static DigitalDelivery.Tests.CustomerAccess.CustomerAccessHttp;

namespace DigitalDelivery.Tests.CustomerAccess;

/// <summary>The admin portal's downloads section of an order: list and act through the Api as the signed-in user.</summary>
public sealed partial class EntitlementPortalTests(CustomerAccessFixture fixture) : IClassFixture<CustomerAccessFixture>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task A_support_user_sees_an_orders_downloads_and_revokes_one()
    {
        var tenant = await fixture.CreateTenantAsync("portal-entitlements");
        var order = await fixture.SeedOrderAsync(tenant.OrganizationId, new OrderSeed { MaxDownloads = 5, DownloadsUsed = 2 });
        using var api = await tenant.AuthorizedClientAsync(fixture.Factory);
        var email = $"support-{Guid.NewGuid():N}@portal.example";
        using (var user = await api.PostAsJsonAsync("/api/v1/users", new { email, password = Password, role = "Support" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, user.StatusCode);
        }

        await using var portal = fixture.Portal();
        using var browser = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signInPage = await browser.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative), Ct);
        using (var signedIn = await browser.PostAsync(new Uri("/account/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = Antiforgery(signInPage),
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        }), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        var page = await browser.GetStringAsync(new Uri($"/orders/{order.OrderId}/entitlements", UriKind.Relative), Ct);
        Assert.Contains(order.FileName, page, StringComparison.Ordinal);
        Assert.Contains("2 of 5", page, StringComparison.Ordinal);

        using var revoked = await browser.PostAsync(
            new Uri($"/orders/{order.OrderId}/entitlements/{order.AccessId}/revoke", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Antiforgery(page), ["reason"] = "fraud" }),
            Ct);

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal("fraud", (await fixture.ReadAccessAsync(order.AccessId)).RevokedReason);
        Assert.Contains("entitlement.revoked", await fixture.AuditActionsAsync(tenant.OrganizationId, order.AccessId.ToString()));
        var after = await browser.GetStringAsync(revoked.Headers.Location!.OriginalString, Ct);
        Assert.Contains("status-revoked", after, StringComparison.Ordinal);
    }

    private static string Antiforgery(string html) => WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
