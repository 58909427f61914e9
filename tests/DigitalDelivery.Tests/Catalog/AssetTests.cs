using System.Net;
using System.Net.Http.Json;
using DigitalDelivery.Core.Catalog.Downloads;
using DigitalDelivery.Core.Tenancy;
using DigitalDelivery.Tests.Identity;
using Microsoft.Extensions.DependencyInjection;
using static DigitalDelivery.Tests.Catalog.CatalogHttp;

namespace DigitalDelivery.Tests.Catalog;

/// <summary>Asset rules; scan verdicts are set directly here (ScanningTests covers the scanning itself).</summary>
public sealed class AssetTests(CatalogApiFixture fixture) : IClassFixture<CatalogApiFixture>
{
    private const string Problems = "https://digitaldelivery.dev/problems/";

    [Fact]
    public async Task Attaching_a_missing_file_id_is_refused_with_4xx_problem_details()
    {
        var tenant = await fixture.CreateTenantAsync("missing-file");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var product = (await CreateProductAsync(http, "MISSING-1")).GetProperty("id").GetGuid();

        using var unknown = await http.PostAsJsonAsync($"/api/v1/products/{product}/assets", new { file_id = Guid.NewGuid() }, Ct);
        using var absent = await http.PostAsJsonAsync($"/api/v1/products/{product}/assets", new { name = "no file" }, Ct);
        using var noProduct = await http.PostAsJsonAsync($"/api/v1/products/{Guid.NewGuid()}/assets", new { file_id = Guid.NewGuid() }, Ct);
        using var badRules = await http.PostAsJsonAsync($"/api/v1/products/{product}/assets", new { file_id = Guid.NewGuid(), max_downloads = 0 }, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        await ProblemAssert.IsProblemAsync(unknown, Problems + "unknown-file");
        Assert.Equal(HttpStatusCode.BadRequest, absent.StatusCode);
        await ProblemAssert.IsProblemAsync(absent, Problems + "validation");
        Assert.Equal(HttpStatusCode.NotFound, noProduct.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badRules.StatusCode);
    }

    [Fact]
    public async Task An_active_product_takes_only_Clean_files()
    {
        var tenant = await fixture.CreateTenantAsync("active-only-clean");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var product = (await CreateProductAsync(http, "ACTIVE-1", status: "active")).GetProperty("id").GetGuid();
        var pending = await UploadAsync(http, "pending"u8.ToArray(), "pending.txt");
        var failed = await UploadAsync(http, "failed"u8.ToArray(), "failed.txt");
        var clean = await UploadAsync(http, "clean"u8.ToArray(), "clean.txt");
        await fixture.SetFileStatusAsync(failed, "scan_failed");
        await fixture.SetFileStatusAsync(clean, "clean");

        using var withPending = await http.PostAsJsonAsync($"/api/v1/products/{product}/assets", new { file_id = pending }, Ct);
        using var withFailed = await http.PostAsJsonAsync($"/api/v1/products/{product}/assets", new { file_id = failed }, Ct);
        using var withClean = await http.PostAsJsonAsync($"/api/v1/products/{product}/assets", new { file_id = clean }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, withPending.StatusCode);
        await ProblemAssert.IsProblemAsync(withPending, Problems + "file-not-clean");
        Assert.Equal(HttpStatusCode.Conflict, withFailed.StatusCode);
        await ProblemAssert.IsProblemAsync(withFailed, Problems + "file-not-clean");
        await ExpectAsync(withClean, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Replacing_a_file_keeps_the_asset_id_keeps_the_history_and_follows_the_update_policy()
    {
        var tenant = await fixture.CreateTenantAsync("versions");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        using var created = await http.PostAsJsonAsync("/api/v1/products",
            new { sku = "VERSIONED-1", name = "Versioned", type = "download", price_minor = 900, currency = "EUR", asset_update_policy = "as_purchased" }, Ct);
        var product = (await ExpectAsync(created, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var v1 = await UploadAsync(http, "version one"u8.ToArray(), "book-v1.txt");
        var v2 = await UploadAsync(http, "version two"u8.ToArray(), "book-v2.txt");
        await fixture.SetFileStatusAsync(v1, "clean");
        await fixture.SetFileStatusAsync(v2, "clean");
        using var attached = await http.PostAsJsonAsync($"/api/v1/products/{product}/assets",
            new { file_id = v1, name = "The book", max_downloads = 3, expires_after_days = 30, notify_customer_on_expiry = true }, Ct);
        var asset = await ExpectAsync(attached, HttpStatusCode.Created);
        var assetId = asset.GetProperty("id").GetGuid();

        using var replaced = await SendJsonAsync(http, HttpMethod.Post, $"/api/v1/products/{product}/assets/{assetId}/versions",
            new { file_id = v2, note = "typos fixed" }, "\"1\"");
        var after = await ExpectAsync(replaced, HttpStatusCode.Created);
        using var staleReplace = await SendJsonAsync(http, HttpMethod.Post, $"/api/v1/products/{product}/assets/{assetId}/versions",
            new { file_id = v1 }, "\"1\"");
        using var history = await http.GetAsync(new Uri($"/api/v1/products/{product}/assets/{assetId}/versions", UriKind.Relative), Ct);

        Assert.Equal(assetId, after.GetProperty("id").GetGuid());
        Assert.Equal((2, v2), (after.GetProperty("current_version").GetInt32(), after.GetProperty("file_id").GetGuid()));
        Assert.Equal(3, after.GetProperty("max_downloads").GetInt32());
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleReplace.StatusCode);
        var versions = (await ExpectAsync(history, HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal([(2, v2, true), (1, v1, false)],
            versions.Select(v => (v.GetProperty("number").GetInt32(), v.GetProperty("file_id").GetGuid(), v.GetProperty("current").GetBoolean())));

        // as_purchased: an earlier buyer keeps version 1, a new buyer gets version 2.
        Assert.Equal(v1, (await ServableAsync(tenant.OrganizationId, assetId, 1))!.FileId);
        Assert.Equal(v2, (await ServableAsync(tenant.OrganizationId, assetId, null))!.FileId);

        // latest: everyone gets version 2.
        using var policy = await SendJsonAsync(http, HttpMethod.Patch, $"/api/v1/products/{product}", new { asset_update_policy = "latest" }, "\"1\"");
        await ExpectAsync(policy, HttpStatusCode.OK);
        Assert.Equal(v2, (await ServableAsync(tenant.OrganizationId, assetId, 1))!.FileId);
    }

    [Fact]
    public async Task Asset_rules_are_updated_with_If_Match_and_a_file_in_use_cannot_be_deleted()
    {
        var tenant = await fixture.CreateTenantAsync("asset-rules");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var product = (await CreateProductAsync(http, "RULES-1")).GetProperty("id").GetGuid();
        var file = await UploadAsync(http, "content"u8.ToArray(), "content.txt");
        using var attached = await http.PostAsJsonAsync($"/api/v1/products/{product}/assets", new { file_id = file }, Ct);
        var assetId = (await ExpectAsync(attached, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var rules = new { name = "Renamed", max_downloads = 10, expires_after_days = 7, notify_customer_on_expiry = true };

        using var noIfMatch = await SendJsonAsync(http, HttpMethod.Put, $"/api/v1/products/{product}/assets/{assetId}", rules);
        using var updated = await SendJsonAsync(http, HttpMethod.Put, $"/api/v1/products/{product}/assets/{assetId}", rules, "\"1\"");
        using var deleteFile = await http.DeleteAsync(new Uri($"/api/v1/files/{file}", UriKind.Relative), Ct);

        Assert.Equal((HttpStatusCode)428, noIfMatch.StatusCode);
        var body = await ExpectAsync(updated, HttpStatusCode.OK);
        Assert.Equal(("Renamed", 10, 7), (body.GetProperty("name").GetString(), body.GetProperty("max_downloads").GetInt32(), body.GetProperty("expires_after_days").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, deleteFile.StatusCode);
        await ProblemAssert.IsProblemAsync(deleteFile, Problems + "file-in-use");
    }

    private async Task<ServableFile?> ServableAsync(Guid organizationId, Guid assetId, int? purchasedVersion)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().SetOrganization(organizationId);
        return await scope.ServiceProvider.GetRequiredService<ServableFiles>().FindAsync(assetId, purchasedVersion, Ct);
    }
}
