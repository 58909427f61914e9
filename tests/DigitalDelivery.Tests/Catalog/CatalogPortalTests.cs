extern alias web;

using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DigitalDelivery.LocalServers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static DigitalDelivery.Tests.Catalog.CatalogHttp;
using ApiClient = web::DigitalDelivery.Web.Api.ApiClient;

namespace DigitalDelivery.Tests.Catalog;

/// <summary>The admin portal's catalog page, rendered on the server from the Api on behalf of the signed-in user.</summary>
public sealed partial class CatalogPortalTests(CatalogApiFixture fixture) : IClassFixture<CatalogApiFixture>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task A_signed_in_user_sees_the_tenants_products_and_files_with_quarantined_ones_marked()
    {
        var tenant = await fixture.CreateTenantAsync("portal-catalog");
        var other = await fixture.CreateTenantAsync("portal-other");
        using var api = await tenant.AuthorizedClientAsync(fixture.Factory);
        using var otherApi = await other.AuthorizedClientAsync(fixture.Factory);
        using var created = await api.PostAsJsonAsync("/api/v1/products",
            new { sku = "PORTAL-1", name = "Portal Ebook", type = "download", price_minor = 1999, currency = "EUR" }, Ct);
        await ExpectAsync(created, HttpStatusCode.Created);
        using var yen = await api.PostAsJsonAsync("/api/v1/products",
            new { sku = "PORTAL-JPY", name = "Yen Ebook", type = "download", price_minor = 1500, currency = "JPY" }, Ct);
        await ExpectAsync(yen, HttpStatusCode.Created);
        var eicar = await UploadAsync(api, EicarTestFile.Bytes(), "eicar.com");
        await fixture.SetFileStatusAsync(eicar, "infected");
        await CreateProductAsync(otherApi, "NOT-MINE-1");
        var email = $"admin-{Guid.NewGuid():N}@portal.example";
        using (var user = await api.PostAsJsonAsync("/api/v1/users", new { email, password = Password, role = "Viewer" }, Ct))
        {
            await ExpectAsync(user, HttpStatusCode.Created);
        }

        await using var portal = PortalFactory();
        using var browser = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signInPage = await browser.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative), Ct);
        using (var signedIn = await browser.PostAsync(new Uri("/account/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(signInPage).Groups[1].Value),
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        }), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        var page = await browser.GetStringAsync(new Uri("/catalog", UriKind.Relative), Ct);

        Assert.Contains("Portal Ebook", page, StringComparison.Ordinal);
        Assert.Contains("19.99 EUR", page, StringComparison.Ordinal);
        Assert.Contains("1500 JPY", page, StringComparison.Ordinal);
        Assert.Contains("eicar.com", page, StringComparison.Ordinal);
        Assert.Contains("quarantined (infected)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT-MINE-1", page, StringComparison.Ordinal);
    }

    private WebApplicationFactory<web::Program> PortalFactory() =>
        new WebApplicationFactory<web::Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:deliverydb", fixture.ConnectionString);
            builder.UseSetting("services:api:http:0", "http://api.test");
            builder.ConfigureTestServices(services =>
                services.AddHttpClient<ApiClient>().ConfigurePrimaryHttpMessageHandler(() => fixture.Factory.Server.CreateHandler()));
        });

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
