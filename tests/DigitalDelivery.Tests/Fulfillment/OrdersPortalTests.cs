extern alias web;

using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OrdersApiClient = web::DigitalDelivery.Web.Orders.OrdersApiClient;

namespace DigitalDelivery.Tests.Fulfillment;

/// <summary>The admin portal's orders: list, an order's page with its tasks and timeline, and the fulfil button.</summary>
public sealed partial class OrdersPortalTests(FulfillmentFixture fixture) : IClassFixture<FulfillmentFixture>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task An_admin_sees_a_paid_order_waiting_and_fulfils_it_from_its_page()
    {
        var tenant = await fixture.CreateMerchantAsync("Portal orders");
        using var api = await fixture.ClientAsync(tenant);
        var product = await fixture.CreateProductAsync(tenant.OrganizationId);
        await fixture.AddAssetAsync(tenant.OrganizationId, product, maxDownloads: 2, expiresAfterDays: null);
        await fixture.SetAutoFulfillAsync(tenant.OrganizationId, product, autoFulfill: false);
        var orderId = await FulfillmentFixture.OrderAndPayAsync(api, (product, 1));
        await FulfillmentFixture.WaitForStatusAsync(api, orderId, "paid");
        await using var portal = PortalFactory();
        using var browser = await SignInAsync(portal, api, "Admin");

        var list = await browser.GetStringAsync(new Uri("/orders?status=paid", UriKind.Relative), Ct);
        Assert.Contains($"/orders/{orderId}", list, StringComparison.Ordinal);
        Assert.Contains("19.99 EUR", list, StringComparison.Ordinal);
        var page = await browser.GetStringAsync(new Uri($"/orders/{orderId}", UriKind.Relative), Ct);
        Assert.Contains("digital delivery", page, StringComparison.Ordinal);
        Assert.Contains("Fulfil now", page, StringComparison.Ordinal);

        using (var fulfil = await browser.PostAsync(new Uri($"/orders/{orderId}/fulfil", UriKind.Relative), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = AntiforgeryToken(page) }), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, fulfil.StatusCode);
            Assert.Equal($"/orders/{orderId}?fulfil=requested", fulfil.Headers.Location?.OriginalString);
        }

        await FulfillmentFixture.WaitForStatusAsync(api, orderId, "fulfilled");
        var after = await browser.GetStringAsync(new Uri($"/orders/{orderId}", UriKind.Relative), Ct);
        Assert.Contains("fulfillment started", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Fulfil now", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_order_page_relays_the_orders_events_and_a_viewer_cannot_fulfil()
    {
        var tenant = await fixture.CreateMerchantAsync("Portal viewer");
        using var api = await fixture.ClientAsync(tenant);
        var product = await fixture.CreateProductAsync(tenant.OrganizationId);
        await fixture.SetAutoFulfillAsync(tenant.OrganizationId, product, autoFulfill: false);
        var orderId = await FulfillmentFixture.OrderAndPayAsync(api, (product, 1));
        await FulfillmentFixture.WaitForStatusAsync(api, orderId, "paid");
        await using var portal = PortalFactory();
        using var browser = await SignInAsync(portal, api, "Viewer");

        using var events = await browser.GetAsync(new Uri($"/orders/{orderId}/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync(Ct));
        var seen = new List<string>();
        while (!seen.Contains("event: transition") || !seen.Any(l => l.Contains("\"to\":\"paid\"", StringComparison.Ordinal)))
        {
            seen.Add(await reader.ReadLineAsync(Ct) ?? throw new InvalidOperationException("The stream ended early."));
        }

        var page = await browser.GetStringAsync(new Uri($"/orders/{orderId}", UriKind.Relative), Ct);
        using var fulfil = await browser.PostAsync(new Uri($"/orders/{orderId}/fulfil", UriKind.Relative), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = AntiforgeryToken(page) }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, fulfil.StatusCode);
        Assert.Contains("error=", fulfil.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal("paid", (await Orders.OrderRequests.GetAsync(api, orderId)).GetProperty("status").GetString());
    }

    private static async Task<HttpClient> SignInAsync(WebApplicationFactory<web::Program> portal, HttpClient api, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@portal.example";
        using (var user = await api.PostAsJsonAsync("/api/v1/users", new { email, password = Password, role }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, user.StatusCode);
        }

        var browser = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signInPage = await browser.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative), Ct);
        using var signedIn = await browser.PostAsync(new Uri("/account/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = AntiforgeryToken(signInPage),
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    private WebApplicationFactory<web::Program> PortalFactory() =>
        new WebApplicationFactory<web::Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:deliverydb", fixture.ConnectionString);
            builder.UseSetting("services:api:http:0", "http://api.test");
            builder.ConfigureTestServices(services =>
            {
                services.AddHttpClient<web::DigitalDelivery.Web.Api.ApiClient>().ConfigurePrimaryHttpMessageHandler(() => fixture.Payments.Server.CreateHandler());
                services.AddHttpClient<OrdersApiClient>().ConfigurePrimaryHttpMessageHandler(() => fixture.Payments.Server.CreateHandler());
            });
        });

    private static string AntiforgeryToken(string page) => WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
