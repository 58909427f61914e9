extern alias web;

using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using web::DigitalDelivery.Web.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalDelivery.Tests.Identity;

/// <summary>The admin portal in process, calling the in-process Api through its test server.</summary>
public sealed partial class WebPortalTests(IdentityApiFixture fixture) : IClassFixture<IdentityApiFixture>
{
    private const string Password = "portal passphrase 42";

    [Fact]
    public async Task A_user_signs_in_with_a_cookie_that_carries_the_Api_token_server_side_sees_admin_pages_and_signs_out()
    {
        var tenant = await fixture.CreateTenantAsync("portal");
        var email = await CreateUserAsync(tenant, "Admin");
        await using var portal = PortalFactory();
        using var browser = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        using (var anonymous = await browser.GetAsync(new Uri("/", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.Contains("/account/sign-in", anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        using (var signedIn = await PostSignInAsync(browser, email, Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("dd_portal=", StringComparison.Ordinal));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("eyJ", cookie, StringComparison.Ordinal); // the JWT is inside, encrypted
        }

        var home = await browser.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Contains(email, home, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", home, StringComparison.Ordinal);
        var clients = await browser.GetStringAsync(new Uri("/clients", UriKind.Relative), Ct);
        Assert.Contains(tenant.ClientId, clients, StringComparison.Ordinal); // the Api saw the user's tenant

        using (var signOut = await browser.PostAsync(
            new Uri("/account/sign-out", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Antiforgery(home) }), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        using (var afterSignOut = await browser.GetAsync(new Uri("/", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, afterSignOut.StatusCode);
        }

        Assert.Equal(1L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'user.signed_in' AND organization_id = @o", ("o", tenant.OrganizationId)));
        Assert.Equal(1L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'user.signed_out' AND organization_id = @o", ("o", tenant.OrganizationId)));
    }

    [Fact]
    public async Task A_wrong_password_shows_the_form_again_with_an_error_and_sets_no_cookie()
    {
        var tenant = await fixture.CreateTenantAsync("portal-wrong");
        var email = await CreateUserAsync(tenant, "Viewer");
        await using var portal = PortalFactory();
        using var browser = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        using var response = await PostSignInAsync(browser, email, "not the passphrase");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("incorrect", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("dd_portal=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_viewer_is_signed_in_but_the_Api_refuses_them_the_admin_data()
    {
        var tenant = await fixture.CreateTenantAsync("portal-viewer");
        var email = await CreateUserAsync(tenant, "Viewer");
        await using var portal = PortalFactory();
        using var browser = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (var signedIn = await PostSignInAsync(browser, email, Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        var clients = await browser.GetStringAsync(new Uri("/clients", UriKind.Relative), Ct);

        Assert.Contains("Your role may not see API clients.", clients, StringComparison.Ordinal);
        Assert.DoesNotContain(tenant.ClientId, clients, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_post_without_an_antiforgery_token_is_refused()
    {
        await using var portal = PortalFactory();
        using var browser = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await browser.PostAsync(new Uri("/account/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in", ["Input.Email"] = "someone@example.com", ["Input.Password"] = "whatever",
        }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
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

    private async Task<string> CreateUserAsync(TestTenant tenant, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@portal.example";
        using var admin = await tenant.AuthorizedClientAsync(fixture.Factory);
        using var created = await admin.PostAsJsonAsync("/api/v1/users", new { email, password = Password, role }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return email;
    }

    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient browser, string email, string password)
    {
        var page = await browser.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative), Ct);
        return await browser.PostAsync(new Uri("/account/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = Antiforgery(page),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }), Ct);
    }

    private static string Antiforgery(string html) =>
        WebUtility.HtmlDecode(AntiforgeryField().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("no antiforgery token in the page"));

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
