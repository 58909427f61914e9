extern alias api;

using System.Net;
using System.Net.Http.Json;
using DigitalDelivery.Tests.Identity;
using static DigitalDelivery.Tests.CustomerAccess.CustomerAccessHttp;
using ProblemTypes = api::DigitalDelivery.Api.Problems.ProblemTypes;

namespace DigitalDelivery.Tests.CustomerAccess;

/// <summary>The operators' entitlement actions (downloads:admin): effects, audit, tenant isolation, refusals.</summary>
public sealed class EntitlementAdminTests(CustomerAccessFixture fixture) : IClassFixture<CustomerAccessFixture>
{
    [Fact]
    public async Task Revoke_takes_effect_at_once_retires_the_file_links_and_is_audited()
    {
        var tenant = await fixture.CreateTenantAsync("admin-revoke");
        var order = await fixture.SeedOrderAsync(tenant.OrganizationId);
        var pageToken = await fixture.MintOrderLinkAsync(order);
        using var customer = fixture.Factory.CreateClient();
        using (var minted = await PostJsonAsync(customer, $"/api/v1/my/{pageToken}/files/{order.AccessId}/link"))
        {
            Assert.Equal(HttpStatusCode.OK, minted.StatusCode);
        }

        using var admin = await tenant.AuthorizedClientAsync(fixture.Factory, "downloads:admin");

        using var revoked = await PostJsonAsync(admin, $"/api/v1/entitlements/{order.AccessId}/revoke", new { reason = "chargeback" });

        var body = await JsonAsync(revoked, HttpStatusCode.OK);
        Assert.Equal("revoked", body.GetProperty("state").GetString());
        Assert.Equal("chargeback", body.GetProperty("revoked_reason").GetString());
        Assert.Equal(0L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM download_links WHERE download_access_id = @id AND revoked_at IS NULL", ("id", order.AccessId)));
        var page = await GetJsonAsync(customer, $"/api/v1/my/{pageToken}");
        Assert.Equal("revoked", Assert.Single(page.GetProperty("files").EnumerateArray()).GetProperty("state").GetString());
        using var again = await PostJsonAsync(admin, $"/api/v1/entitlements/{order.AccessId}/revoke", new { reason = "twice" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        await ProblemAssert.IsProblemAsync(again, ProblemTypes.EntitlementRevoked);
        using var noReason = await PostJsonAsync(admin, $"/api/v1/entitlements/{order.AccessId}/revoke", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(["entitlement.revoked"], await fixture.AuditActionsAsync(tenant.OrganizationId, order.AccessId.ToString()));
    }

    [Fact]
    public async Task Reissue_makes_the_old_page_link_404_and_mails_a_new_one()
    {
        fixture.StartDeliveryWorker();
        var tenant = await fixture.CreateTenantAsync("admin-reissue");
        var order = await fixture.SeedOrderAsync(tenant.OrganizationId);
        var oldToken = await fixture.MintOrderLinkAsync(order);
        using var admin = await tenant.AuthorizedClientAsync(fixture.Factory, "downloads:admin");
        using var customer = fixture.Factory.CreateClient();

        using var reissued = await PostJsonAsync(admin, $"/api/v1/entitlements/{order.AccessId}/reissue");

        Assert.Equal(HttpStatusCode.Accepted, reissued.StatusCode);
        using (var old = await customer.GetAsync(new Uri($"/api/v1/my/{oldToken}", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        }

        var mail = await fixture.Infrastructure.Smtp.WaitForMessageAsync(order.Email, cancellationToken: Ct);
        var newToken = PageToken(mail.TextBody);
        Assert.NotEqual(oldToken, newToken);
        var page = await GetJsonAsync(customer, $"/api/v1/my/{newToken}");
        Assert.Equal(order.FileName, Assert.Single(page.GetProperty("files").EnumerateArray()).GetProperty("file_name").GetString());
        Assert.Equal(["entitlement.reissued"], await fixture.AuditActionsAsync(tenant.OrganizationId, order.AccessId.ToString()));
    }

    [Fact]
    public async Task Extend_moves_the_expiry_and_refuses_the_past_and_a_revoked_entitlement()
    {
        var tenant = await fixture.CreateTenantAsync("admin-extend");
        var order = await fixture.SeedOrderAsync(tenant.OrganizationId, new OrderSeed { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-5) });
        var revoked = await fixture.SeedOrderAsync(tenant.OrganizationId, new OrderSeed { Revoked = true });
        using var admin = await tenant.AuthorizedClientAsync(fixture.Factory, "downloads:admin");
        var target = DateTimeOffset.UtcNow.AddDays(60);

        using var byDate = await PostJsonAsync(admin, $"/api/v1/entitlements/{order.AccessId}/extend", new { expires_at = target });
        var extended = await JsonAsync(byDate, HttpStatusCode.OK);
        Assert.Equal("available", extended.GetProperty("state").GetString());
        Assert.Equal(target, extended.GetProperty("expires_at").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        using var byDays = await PostJsonAsync(admin, $"/api/v1/entitlements/{order.AccessId}/extend", new { days = 10 });
        Assert.Equal(target.AddDays(10), (await JsonAsync(byDays, HttpStatusCode.OK)).GetProperty("expires_at").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));

        using var past = await PostJsonAsync(admin, $"/api/v1/entitlements/{order.AccessId}/extend", new { expires_at = DateTimeOffset.UtcNow.AddDays(-1) });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        using var both = await PostJsonAsync(admin, $"/api/v1/entitlements/{order.AccessId}/extend", new { expires_at = target, days = 3 });
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        using var zero = await PostJsonAsync(admin, $"/api/v1/entitlements/{order.AccessId}/extend", new { days = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        using var onRevoked = await PostJsonAsync(admin, $"/api/v1/entitlements/{revoked.AccessId}/extend", new { days = 3 });
        Assert.Equal(HttpStatusCode.Conflict, onRevoked.StatusCode);
        await ProblemAssert.IsProblemAsync(onRevoked, ProblemTypes.EntitlementRevoked);
        Assert.Equal(["entitlement.extended", "entitlement.extended"], await fixture.AuditActionsAsync(tenant.OrganizationId, order.AccessId.ToString()));
    }

    [Fact]
    public async Task Reset_count_gives_the_downloads_back()
    {
        var tenant = await fixture.CreateTenantAsync("admin-reset");
        var order = await fixture.SeedOrderAsync(tenant.OrganizationId, new OrderSeed { MaxDownloads = 3, DownloadsUsed = 3 });
        using var admin = await tenant.AuthorizedClientAsync(fixture.Factory, "downloads:admin");
        Assert.Equal("limit-reached", (await GetJsonAsync(admin, $"/api/v1/entitlements/{order.AccessId}")).GetProperty("state").GetString());

        using var reset = await PostJsonAsync(admin, $"/api/v1/entitlements/{order.AccessId}/reset-count");

        var body = await JsonAsync(reset, HttpStatusCode.OK);
        Assert.Equal(0, body.GetProperty("downloads_used").GetInt32());
        Assert.Equal(3, body.GetProperty("downloads_left").GetInt32());
        Assert.Equal("available", body.GetProperty("state").GetString());
        Assert.Equal(0, (await fixture.ReadAccessAsync(order.AccessId)).DownloadsUsed);
        Assert.Equal(["entitlement.count_reset"], await fixture.AuditActionsAsync(tenant.OrganizationId, order.AccessId.ToString()));
    }

    [Fact]
    public async Task Another_tenants_entitlements_are_not_found_and_left_untouched()
    {
        var mine = await fixture.CreateTenantAsync("admin-mine");
        var theirs = await fixture.CreateTenantAsync("admin-theirs");
        var their = await fixture.SeedOrderAsync(theirs.OrganizationId);
        using var admin = await mine.AuthorizedClientAsync(fixture.Factory, "downloads:admin");

        var paths = new[] { "revoke", "reissue", "extend", "reset-count" };
        using (var get = await admin.GetAsync(new Uri($"/api/v1/entitlements/{their.AccessId}", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        }

        using (var list = await admin.GetAsync(new Uri($"/api/v1/orders/{their.OrderId}/entitlements", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        }

        foreach (var path in paths)
        {
            using var response = await PostJsonAsync(admin, $"/api/v1/entitlements/{their.AccessId}/{path}", new { reason = "x", days = 3 });
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var untouched = await fixture.ReadAccessAsync(their.AccessId);
        Assert.Null(untouched.RevokedAt);
        Assert.Equal(their.OrganizationId, untouched.OrganizationId);
        using var owner = await theirs.AuthorizedClientAsync(fixture.Factory, "downloads:admin");
        var listed = await GetJsonAsync(owner, $"/api/v1/orders/{their.OrderId}/entitlements");
        Assert.Equal(their.AccessId, Assert.Single(listed.EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task The_entitlement_endpoints_need_the_downloads_admin_scope()
    {
        var tenant = await fixture.CreateTenantAsync("admin-scope");
        var order = await fixture.SeedOrderAsync(tenant.OrganizationId);
        using var reader = await tenant.AuthorizedClientAsync(fixture.Factory, "orders:read");

        using var get = await reader.GetAsync(new Uri($"/api/v1/entitlements/{order.AccessId}", UriKind.Relative), Ct);
        using var revoke = await reader.PostAsJsonAsync(new Uri($"/api/v1/entitlements/{order.AccessId}/revoke", UriKind.Relative), new { reason = "x" }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, revoke.StatusCode);
        Assert.Null((await fixture.ReadAccessAsync(order.AccessId)).RevokedAt);
    }
}
