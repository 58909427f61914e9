using System.Net;
using System.Net.Http.Json;
using DigitalDelivery.Tests.Identity;
using static DigitalDelivery.Tests.Catalog.CatalogHttp;

namespace DigitalDelivery.Tests.Catalog;

public sealed class ProductTests(CatalogApiFixture fixture) : IClassFixture<CatalogApiFixture>
{
    private const string Problems = "https://digitaldelivery.dev/problems/";

    [Fact]
    public async Task A_product_is_created_read_back_with_its_ETag_and_listed()
    {
        var tenant = await fixture.CreateTenantAsync("products");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);

        var created = await CreateProductAsync(http, "EBOOK-001");
        var id = created.GetProperty("id").GetGuid();
        using var read = await http.GetAsync(new Uri($"/api/v1/products/{id}", UriKind.Relative), Ct);
        var body = await ExpectAsync(read, HttpStatusCode.OK);

        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        Assert.Equal("EBOOK-001", body.GetProperty("sku").GetString());
        Assert.Equal("draft", body.GetProperty("status").GetString());
        Assert.Equal(1999, body.GetProperty("price_minor").GetInt64());
        Assert.Equal(2, body.GetProperty("currency_minor_units").GetInt32());
        Assert.Equal(JsonValueKindNull, body.GetProperty("stock_limit").ValueKind);
        using var list = await http.GetAsync(new Uri("/api/v1/products", UriKind.Relative), Ct);
        var page = await ExpectAsync(list, HttpStatusCode.OK);
        Assert.Equal(1, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Lists_page_with_a_capped_size_filter_and_sort()
    {
        var tenant = await fixture.CreateTenantAsync("paging");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        for (var i = 0; i < 7; i++)
        {
            using var response = await http.PostAsJsonAsync("/api/v1/products",
                new { sku = $"P-{i}", name = $"Item {(char)('A' + i)}", type = i % 2 == 0 ? "download" : "license_key", price_minor = 100 * i, currency = "USD" }, Ct);
            await ExpectAsync(response, HttpStatusCode.Created);
        }

        using var first = await http.GetAsync(new Uri("/api/v1/products?page=1&page_size=3&sort=-price_minor", UriKind.Relative), Ct);
        var page = await ExpectAsync(first, HttpStatusCode.OK);
        Assert.Equal(7, page.GetProperty("total").GetInt32());
        Assert.Equal([600L, 500L, 400L], page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("price_minor").GetInt64()));

        using var filtered = await http.GetAsync(new Uri("/api/v1/products?type=license_key&sort=name", UriKind.Relative), Ct);
        var keys = await ExpectAsync(filtered, HttpStatusCode.OK);
        Assert.Equal(["Item B", "Item D", "Item F"], keys.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetString()));

        using var searched = await http.GetAsync(new Uri("/api/v1/products?q=p-3", UriKind.Relative), Ct);
        Assert.Equal(1, (await ExpectAsync(searched, HttpStatusCode.OK)).GetProperty("total").GetInt32());

        using var tooBig = await http.GetAsync(new Uri("/api/v1/products?page_size=1000", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        await ProblemAssert.IsProblemAsync(tooBig, Problems + "validation");
        using var badSort = await http.GetAsync(new Uri("/api/v1/products?sort=secret", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badSort.StatusCode);
    }

    public static TheoryData<string, string, string> BadProducts => new()
    {
        // case, JSON body, field named in the errors
        { "bad sku", """{"sku":"no spaces!","name":"x","type":"download","price_minor":1,"currency":"EUR"}""", "sku" },
        { "empty sku", """{"sku":"","name":"x","type":"download","price_minor":1,"currency":"EUR"}""", "sku" },
        { "negative price", """{"sku":"OK-1","name":"x","type":"download","price_minor":-1,"currency":"EUR"}""", "price_minor" },
        { "unknown currency", """{"sku":"OK-1","name":"x","type":"download","price_minor":1,"currency":"XYZ"}""", "currency" },
        { "testing currency", """{"sku":"OK-1","name":"x","type":"download","price_minor":1,"currency":"XTS"}""", "currency" },
        { "unknown type", """{"sku":"OK-1","name":"x","type":"hardware","price_minor":1,"currency":"EUR"}""", "type" },
        { "negative stock", """{"sku":"OK-1","name":"x","type":"download","price_minor":1,"currency":"EUR","stock_limit":-5}""", "stock_limit" },
        { "missing name", """{"sku":"OK-1","type":"download","price_minor":1,"currency":"EUR"}""", "name" },
    };

    [Theory]
    [MemberData(nameof(BadProducts))]
    public async Task Bad_product_input_is_a_validation_problem_naming_the_field(string @case, string json, string field)
    {
        Assert.NotEmpty(@case);
        var tenant = await fixture.CreateTenantAsync("bad-products");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);

        using var response = await http.PostAsync(new Uri("/api/v1/products", UriKind.Relative),
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAssert.IsProblemAsync(response, Problems + "validation");
        Assert.Contains(field, problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM products WHERE organization_id = @o", ("o", tenant.OrganizationId)));
    }

    [Fact]
    public async Task A_sku_is_unique_per_tenant_ignoring_case_but_another_tenant_may_use_it()
    {
        var a = await fixture.CreateTenantAsync("sku-a");
        var b = await fixture.CreateTenantAsync("sku-b");
        using var httpA = await a.AuthorizedClientAsync(fixture.Factory);
        using var httpB = await b.AuthorizedClientAsync(fixture.Factory);
        await CreateProductAsync(httpA, "Course-2026");

        using var duplicate = await httpA.PostAsJsonAsync("/api/v1/products",
            new { sku = "COURSE-2026", name = "Again", type = "download", price_minor = 1, currency = "EUR" }, Ct);
        await CreateProductAsync(httpB, "COURSE-2026");

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        await ProblemAssert.IsProblemAsync(duplicate, Problems + "duplicate-sku");
    }

    [Fact]
    public async Task Two_concurrent_updates_with_the_same_ETag_one_wins_and_the_other_gets_412()
    {
        var tenant = await fixture.CreateTenantAsync("concurrency");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var id = (await CreateProductAsync(http, "RACE-1")).GetProperty("id").GetGuid();

        for (var round = 0; round < 5; round++)
        {
            using var read = await http.GetAsync(new Uri($"/api/v1/products/{id}", UriKind.Relative), Ct);
            var etag = read.Headers.ETag!.Tag;
            var updates = Enumerable.Range(0, 2).Select(i => SendJsonAsync(http, HttpMethod.Patch, $"/api/v1/products/{id}",
                new { name = $"Round {round} writer {i}" }, etag)).ToArray();
            var responses = await Task.WhenAll(updates);

            var statuses = responses.Select(r => r.StatusCode).Order().ToList();
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], statuses);
            var loser = responses.Single(r => r.StatusCode == HttpStatusCode.PreconditionFailed);
            await ProblemAssert.IsProblemAsync(loser, Problems + "precondition-failed");
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }

        Assert.Equal(6, await fixture.ScalarAsync<int>("SELECT version FROM products WHERE id = @id", ("id", id)));
    }

    [Fact]
    public async Task An_update_without_If_Match_gets_428_and_a_stale_one_412()
    {
        var tenant = await fixture.CreateTenantAsync("preconditions");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var id = (await CreateProductAsync(http, "PRE-1")).GetProperty("id").GetGuid();
        var full = new { sku = "PRE-1", name = "Renamed", type = "download", price_minor = 500, currency = "GBP", status = "active", stock_limit = 100 };

        using var missing = await SendJsonAsync(http, HttpMethod.Put, $"/api/v1/products/{id}", full);
        using var updated = await SendJsonAsync(http, HttpMethod.Put, $"/api/v1/products/{id}", full, "\"1\"");
        using var stale = await SendJsonAsync(http, HttpMethod.Put, $"/api/v1/products/{id}", full, "\"1\"");

        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        await ProblemAssert.IsProblemAsync(missing, Problems + "precondition-required");
        var body = await ExpectAsync(updated, HttpStatusCode.OK);
        Assert.Equal("\"2\"", updated.Headers.ETag?.Tag);
        Assert.Equal(("Renamed", "GBP", "active", 100), (body.GetProperty("name").GetString(), body.GetProperty("currency").GetString(),
            body.GetProperty("status").GetString(), body.GetProperty("stock_limit").GetInt32()));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        await ProblemAssert.IsProblemAsync(stale, Problems + "precondition-failed");
    }

    [Fact]
    public async Task Catalog_writes_need_catalog_write_and_leave_an_audit_entry()
    {
        var tenant = await fixture.CreateTenantAsync("scopes", "catalog:read");
        var writer = await fixture.CreateTenantAsync("writer");
        using var readOnly = await tenant.AuthorizedClientAsync(fixture.Factory);
        using var http = await writer.AuthorizedClientAsync(fixture.Factory);

        using var refused = await readOnly.PostAsJsonAsync("/api/v1/products",
            new { sku = "NOPE-1", name = "x", type = "download", price_minor = 1, currency = "EUR" }, Ct);
        var id = (await CreateProductAsync(http, "AUDITED-1")).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("product.created", await fixture.ScalarAsync<string>(
            "SELECT action FROM audit_log WHERE entity_id = @id", ("id", id.ToString())));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
