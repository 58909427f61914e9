using System.Net;
using System.Net.Http.Json;
using System.Text;
using DigitalDelivery.Tests.Identity;
using static DigitalDelivery.Tests.Catalog.CatalogHttp;

namespace DigitalDelivery.Tests.Catalog;

/// <summary>Tenant A, with every scope, tries every catalog endpoint against tenant B's resources.</summary>
public sealed class CatalogTenantIsolationTests(CatalogApiFixture fixture) : IClassFixture<CatalogApiFixture>
{
    public static TheoryData<string, string, string?> ByIdEndpoints => new()
    {
        // method, path ({product}, {asset}, {file} are tenant B's ids), JSON body or text
        { "GET", "/api/v1/files/{file}", null },
        { "DELETE", "/api/v1/files/{file}", null },
        { "GET", "/api/v1/products/{product}", null },
        { "PUT", "/api/v1/products/{product}", """{"sku":"HIJACK","name":"x","type":"download","price_minor":0,"currency":"EUR"}""" },
        { "PATCH", "/api/v1/products/{product}", """{"name":"hijacked"}""" },
        { "DELETE", "/api/v1/products/{product}", null },
        { "GET", "/api/v1/products/{product}/assets", null },
        { "POST", "/api/v1/products/{product}/assets", """{"file_id":"{file}"}""" },
        { "GET", "/api/v1/products/{product}/assets/{asset}", null },
        { "PUT", "/api/v1/products/{product}/assets/{asset}", """{"name":"hijacked"}""" },
        { "DELETE", "/api/v1/products/{product}/assets/{asset}", null },
        { "GET", "/api/v1/products/{product}/assets/{asset}/versions", null },
        { "POST", "/api/v1/products/{product}/assets/{asset}/versions", """{"file_id":"{file}"}""" },
        { "GET", "/api/v1/products/{product}/delivery-config", null },
        { "PUT", "/api/v1/products/{product}/delivery-config", """{"auto_fulfill_on_payment":false}""" },
        { "GET", "/api/v1/products/{product}/license-keys", null },
        { "GET", "/api/v1/products/{product}/license-keys/counts", null },
        { "POST", "/api/v1/products/{product}/license-keys/import", """{"keys":["STOLEN-1"]}""" },
        { "PUT", "/api/v1/products/{product}/license-keys/settings", """{"low_stock_threshold":1}""" },
    };

    [Theory]
    [MemberData(nameof(ByIdEndpoints))]
    public async Task Tenant_A_gets_404_for_tenant_Bs_catalog_and_changes_nothing(string method, string path, string? body)
    {
        var (a, b) = await TwoTenantsAsync();
        using var http = await a.Tenant.AuthorizedClientAsync(fixture.Factory);
        string Fill(string text) => text.Replace("{product}", b.Product.ToString()).Replace("{asset}", b.Asset.ToString()).Replace("{file}", b.File.ToString());
        using var request = new HttpRequestMessage(new HttpMethod(method), Fill(path));
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        if (body is not null)
        {
            request.Content = new StringContent(Fill(body), Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await ProblemAssert.IsProblemAsync(response, "https://digitaldelivery.dev/problems/not-found");
        Assert.Equal("Product of B", await fixture.ScalarAsync<string>("SELECT name FROM products WHERE id = @id", ("id", b.Product)));
        Assert.Equal(1, await fixture.ScalarAsync<int>("SELECT version FROM product_assets WHERE id = @id", ("id", b.Asset)));
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM catalog_files WHERE id = @id", ("id", b.File)));
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM license_keys WHERE product_id = @id", ("id", b.Product)));
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM product_delivery_configs WHERE product_id = @id", ("id", b.Product)));
        Assert.Null(await fixture.ScalarAsync<int?>("SELECT low_stock_threshold FROM license_key_pools WHERE product_id = @id", ("id", b.Product)));
    }

    public static TheoryData<string> ListEndpoints =>
        ["/api/v1/files", "/api/v1/products", "/api/v1/notices", "/api/v1/delivery-defaults", "/api/v1/audit-log"];

    [Theory]
    [MemberData(nameof(ListEndpoints))]
    public async Task Tenant_A_lists_show_nothing_of_tenant_B(string path)
    {
        var (a, b) = await TwoTenantsAsync();
        using var http = await a.Tenant.AuthorizedClientAsync(fixture.Factory);

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        foreach (var id in new[] { b.Product, b.Asset, b.File, b.Tenant.OrganizationId })
        {
            Assert.DoesNotContain(id.ToString(), text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("webhook:b-only", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tenant_A_uploads_and_creates_in_its_own_tenant_even_when_the_body_names_another()
    {
        var (a, b) = await TwoTenantsAsync();
        using var http = await a.Tenant.AuthorizedClientAsync(fixture.Factory);

        using var response = await http.PostAsJsonAsync("/api/v1/products",
            new { sku = "MINE-1", name = "Mine", type = "download", price_minor = 1, currency = "EUR", organization_id = b.Tenant.OrganizationId }, Ct);
        var id = (await ExpectAsync(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        Assert.Equal(a.Tenant.OrganizationId, await fixture.ScalarAsync<Guid>("SELECT organization_id FROM products WHERE id = @id", ("id", id)));

        // Another tenant's file id in a body is just an unknown file.
        using var attach = await http.PostAsJsonAsync($"/api/v1/products/{a.Product}/assets", new { file_id = b.File }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, attach.StatusCode);
        await ProblemAssert.IsProblemAsync(attach, "https://digitaldelivery.dev/problems/unknown-file");
    }

    private async Task<(TenantCatalog A, TenantCatalog B)> TwoTenantsAsync() =>
        (await CatalogOfAsync("A"), await CatalogOfAsync("B"));

    private async Task<TenantCatalog> CatalogOfAsync(string name)
    {
        var tenant = await fixture.CreateTenantAsync($"tenant-{name}");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        using var created = await http.PostAsJsonAsync("/api/v1/products",
            new { sku = "SAME-SKU", name = $"Product of {name}", type = "bundle", price_minor = 100, currency = "EUR" }, Ct);
        var product = (await ExpectAsync(created, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var file = await UploadAsync(http, Encoding.UTF8.GetBytes($"file of {name}"), $"{name}.txt");
        using var attached = await http.PostAsJsonAsync($"/api/v1/products/{product}/assets", new { file_id = file }, Ct);
        var asset = (await ExpectAsync(attached, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var keys = await http.PostAsync(new Uri($"/api/v1/products/{product}/license-keys/import", UriKind.Relative),
            new StringContent($"KEY-OF-{name}-{Guid.NewGuid():N}", Encoding.UTF8, "text/plain"), Ct);
        await ExpectAsync(keys, HttpStatusCode.OK);
        using var defaults = await SendJsonAsync(http, HttpMethod.Put, "/api/v1/delivery-defaults", new
        {
            auto_fulfill_on_payment = true,
            destinations = name == "B" ? BOnly : Email,
            retry = new { max_attempts = 3, base_delay_seconds = 5, max_delay_seconds = 50 },
        }, "\"0\"");
        await ExpectAsync(defaults, HttpStatusCode.OK);
        return new TenantCatalog(tenant, product, asset, file);
    }

    private static readonly string[] BOnly = ["webhook:b-only"];
    private static readonly string[] Email = ["email"];

    private sealed record TenantCatalog(TestTenant Tenant, Guid Product, Guid Asset, Guid File);
}
