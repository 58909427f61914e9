using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using DigitalDelivery.Core.Catalog.LicenseKeys;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using DigitalDelivery.Tests.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DigitalDelivery.Tests.Catalog.CatalogHttp;

namespace DigitalDelivery.Tests.Catalog;

public sealed class LicenseKeyTests(CatalogApiFixture fixture) : IClassFixture<CatalogApiFixture>
{
    private const string Problems = "https://digitaldelivery.dev/problems/";
    private static readonly string[] JsonKeys = ["AAAA-BBBB-CCCC-0004", "bad\u0001key", "AAAA-BBBB-CCCC-0003"];

    [Fact]
    public async Task An_import_drops_and_reports_duplicates_and_counts_available_keys_without_ever_listing_a_key()
    {
        var tenant = await fixture.CreateTenantAsync("keys");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var product = (await CreateProductAsync(http, "KEYS-1", type: "license_key")).GetProperty("id").GetGuid();

        using var first = await PostTextAsync(http, product, "AAAA-BBBB-CCCC-0001\nAAAA-BBBB-CCCC-0002\n\nAAAA-BBBB-CCCC-0001\r\n", "text/plain");
        var firstResult = await ExpectAsync(first, HttpStatusCode.OK);
        using var csv = await PostTextAsync(http, product, "key,note\n\"AAAA-BBBB-CCCC-0002\",again\nAAAA-BBBB-CCCC-0003,new\n", "text/csv");
        var csvResult = await ExpectAsync(csv, HttpStatusCode.OK);
        using var json = await http.PostAsJsonAsync($"/api/v1/products/{product}/license-keys/import",
            new { keys = JsonKeys }, Ct);
        var jsonResult = await ExpectAsync(json, HttpStatusCode.OK);

        Assert.Equal(2, firstResult.GetProperty("imported").GetInt32());
        var duplicate = firstResult.GetProperty("duplicates").EnumerateArray().Single();
        Assert.Equal((4, "****0001"), (duplicate.GetProperty("line").GetInt32(), duplicate.GetProperty("detail").GetString()));
        Assert.Equal(1, csvResult.GetProperty("imported").GetInt32());
        Assert.Equal(2, csvResult.GetProperty("duplicates").EnumerateArray().Single().GetProperty("line").GetInt32());
        Assert.Equal(1, jsonResult.GetProperty("imported").GetInt32());
        Assert.Equal(2, jsonResult.GetProperty("invalid").EnumerateArray().Single().GetProperty("line").GetInt32());
        Assert.Equal(4, jsonResult.GetProperty("counts").GetProperty("available").GetInt32());

        using var list = await http.GetAsync(new Uri($"/api/v1/products/{product}/license-keys", UriKind.Relative), Ct);
        var listed = await list.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.DoesNotContain("AAAA-BBBB", listed, StringComparison.Ordinal);
        Assert.Contains("****0004", listed, StringComparison.Ordinal);
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM license_keys WHERE protected_key LIKE '%AAAA%'"));
    }

    [Fact]
    public async Task Falling_to_the_low_stock_threshold_raises_one_notice_until_restocked()
    {
        var tenant = await fixture.CreateTenantAsync("low-stock");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var product = (await CreateProductAsync(http, "KEYS-LOW", type: "bundle")).GetProperty("id").GetGuid();
        using var imported = await PostTextAsync(http, product, "K-00001\nK-00002\nK-00003\n", "text/plain");
        await ExpectAsync(imported, HttpStatusCode.OK);

        using var noIfMatch = await SendJsonAsync(http, HttpMethod.Put, $"/api/v1/products/{product}/license-keys/settings", new { low_stock_threshold = 2 });
        using var settings = await SendJsonAsync(http, HttpMethod.Put, $"/api/v1/products/{product}/license-keys/settings", new { low_stock_threshold = 2 }, "\"1\"");
        Assert.Equal((HttpStatusCode)428, noIfMatch.StatusCode);
        Assert.False((await ExpectAsync(settings, HttpStatusCode.OK)).GetProperty("low_stock").GetBoolean());

        await AssignAsync(tenant.OrganizationId, product, "order-1");
        await AssignAsync(tenant.OrganizationId, product, "order-2");
        using var counts = await http.GetAsync(new Uri($"/api/v1/products/{product}/license-keys/counts", UriKind.Relative), Ct);
        var body = await ExpectAsync(counts, HttpStatusCode.OK);

        Assert.Equal((1, 2, true), (body.GetProperty("available").GetInt32(), body.GetProperty("assigned").GetInt32(), body.GetProperty("low_stock").GetBoolean()));
        Assert.Equal(1L, await NoticeCountAsync(tenant.OrganizationId));
        Assert.Equal(1L, await LowStockEventCountAsync(tenant.OrganizationId));
        using var restock = await PostTextAsync(http, product, "K-00004\nK-00005\n", "text/plain");
        await ExpectAsync(restock, HttpStatusCode.OK);
        await AssignAsync(tenant.OrganizationId, product, "order-3");
        await AssignAsync(tenant.OrganizationId, product, "order-4");
        Assert.Equal(2L, await NoticeCountAsync(tenant.OrganizationId));
        Assert.Equal(2L, await LowStockEventCountAsync(tenant.OrganizationId));
    }

    [Fact]
    public async Task Concurrent_assignments_never_give_one_key_twice()
    {
        var tenant = await fixture.CreateTenantAsync("assign");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var product = (await CreateProductAsync(http, "KEYS-RACE", type: "license_key")).GetProperty("id").GetGuid();
        var keys = Enumerable.Range(1, 40).Select(i => $"RACE-{i:D5}-{Guid.NewGuid():N}").ToList();
        using var imported = await PostTextAsync(http, product, string.Join('\n', keys), "text/plain");
        await ExpectAsync(imported, HttpStatusCode.OK);

        var given = new ConcurrentBag<AssignedLicenseKey?>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 60), new ParallelOptions { MaxDegreeOfParallelism = 12, CancellationToken = Ct }, async (i, ct) =>
        {
            await using var scope = fixture.Factory.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().SetOrganization(tenant.OrganizationId);
            var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            given.Add(await scope.ServiceProvider.GetRequiredService<LicenseKeyAssigner>().AssignAsync(product, $"order-{i}", ct));
            await transaction.CommitAsync(ct);
        });

        var assigned = given.OfType<AssignedLicenseKey>().ToList();
        Assert.Equal(40, assigned.Count);
        Assert.Equal(20, given.Count(k => k is null));
        Assert.Equal(40, assigned.Select(k => k.Id).Distinct().Count());
        Assert.Equal(keys.Order(StringComparer.Ordinal), assigned.Select(k => k.Key).Order(StringComparer.Ordinal));
        Assert.Equal(40L, await fixture.ScalarAsync<long>(
            "SELECT count(DISTINCT assigned_to) FROM license_keys WHERE product_id = @p AND assigned_at IS NOT NULL", ("p", product)));
    }

    [Fact]
    public async Task Keys_are_refused_for_download_products_and_empty_imports()
    {
        var tenant = await fixture.CreateTenantAsync("keys-bad");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var download = (await CreateProductAsync(http, "NOKEYS-1")).GetProperty("id").GetGuid();
        var keyed = (await CreateProductAsync(http, "KEYS-2", type: "license_key")).GetProperty("id").GetGuid();

        using var wrongType = await PostTextAsync(http, download, "K-1\n", "text/plain");
        using var empty = await PostTextAsync(http, keyed, "\n\n", "text/plain");
        using var unsupported = await PostTextAsync(http, keyed, "<keys/>", "application/xml");

        Assert.Equal(HttpStatusCode.Conflict, wrongType.StatusCode);
        await ProblemAssert.IsProblemAsync(wrongType, Problems + "wrong-product-type");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        await ProblemAssert.IsProblemAsync(empty, Problems + "validation");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported.StatusCode);
    }

    private async Task AssignAsync(Guid organizationId, Guid productId, string order)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().SetOrganization(organizationId);
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<LicenseKeyAssigner>().AssignAsync(productId, order, Ct));
    }

    private Task<long> NoticeCountAsync(Guid organizationId) => fixture.ScalarAsync<long>(
        "SELECT count(*) FROM tenant_notices WHERE organization_id = @o AND kind = 'license_keys.low_stock'", ("o", organizationId));

    /// <summary>license_keys.low_stock merchant events in the outbox (no DeliveryWorker consumes them here).</summary>
    private Task<long> LowStockEventCountAsync(Guid organizationId) => fixture.ScalarAsync<long>(
        "SELECT count(*) FROM messaging_messages WHERE payload->>'type' = 'license_keys.low_stock' AND payload->>'organizationId' = @o",
        ("o", organizationId.ToString()));

    private static Task<HttpResponseMessage> PostTextAsync(HttpClient http, Guid product, string text, string contentType) =>
        http.PostAsync(new Uri($"/api/v1/products/{product}/license-keys/import", UriKind.Relative), new StringContent(text, Encoding.UTF8, contentType), Ct);
}
