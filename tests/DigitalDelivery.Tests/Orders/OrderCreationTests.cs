using System.Net;
using DigitalDelivery.Tests.Identity;

namespace DigitalDelivery.Tests.Orders;

public sealed class OrderCreationTests(OrdersApiFixture fixture) : IClassFixture<OrdersApiFixture>
{
    private const string ProblemBase = "https://digitaldelivery.dev/problems/";

    [Fact]
    public async Task An_order_is_priced_on_the_server_reserved_and_read_back_with_its_timeline()
    {
        await using var setup = await SetUpAsync();
        var limited = await setup.Fixture.CreateProductAsync(setup.Tenant.OrganizationId, stockLimit: 5, priceMinor: 1500);
        var unlimited = await setup.Fixture.CreateProductAsync(setup.Tenant.OrganizationId, priceMinor: 250);

        using var response = await OrderRequests.CreateAsync(setup.Http, OrderRequests.Body((limited, 2), (unlimited, 3)), "key-1");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await OrderRequests.JsonAsync(response);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/orders/{id}", response.Headers.Location?.OriginalString);
        var order = await OrderRequests.GetAsync(setup.Http, id);
        Assert.Equal("reserved", order.GetProperty("status").GetString());
        Assert.Equal(3750, order.GetProperty("total_minor").GetInt64());
        Assert.Equal(["created", "reserved"], order.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("to").GetString()!));
        Assert.Equal(2, await setup.Fixture.ScalarAsync<int>("SELECT reserved FROM product_stock WHERE product_id = @p", ("p", limited)));
        Assert.Equal(0L, await setup.Fixture.ScalarAsync<long>("SELECT count(*) FROM product_stock WHERE product_id = @p", ("p", unlimited)));
    }

    [Fact]
    public async Task Twenty_concurrent_requests_with_one_idempotency_key_create_one_order()
    {
        await using var setup = await SetUpAsync();
        var product = await setup.Fixture.CreateProductAsync(setup.Tenant.OrganizationId, stockLimit: 100);
        var body = OrderRequests.Body((product, 1));

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => OrderRequests.CreateAsync(setup.Http, body, "same-key")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        Assert.Single(bodies.Distinct(StringComparer.Ordinal));
        Assert.Equal(19, responses.Count(r => r.Headers.Contains("Idempotent-Replayed")));
        Assert.Equal(1L, await setup.Fixture.ScalarAsync<long>("SELECT count(*) FROM orders WHERE organization_id = @o", ("o", setup.Tenant.OrganizationId)));
        Assert.Equal(1, await setup.Fixture.ScalarAsync<int>("SELECT reserved FROM product_stock WHERE product_id = @p", ("p", product)));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task The_same_idempotency_key_with_another_body_is_refused_with_422()
    {
        await using var setup = await SetUpAsync();
        var product = await setup.Fixture.CreateProductAsync(setup.Tenant.OrganizationId);
        using var first = await OrderRequests.CreateAsync(setup.Http, OrderRequests.Body((product, 1)), "reused");

        using var second = await OrderRequests.CreateAsync(setup.Http, OrderRequests.Body((product, 2)), "reused");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        await ProblemAssert.IsProblemAsync(second, ProblemBase + "idempotency-key-reused");
        Assert.Equal(1L, await setup.Fixture.ScalarAsync<long>("SELECT count(*) FROM orders WHERE organization_id = @o", ("o", setup.Tenant.OrganizationId)));
    }

    [Fact]
    public async Task An_order_without_an_idempotency_key_or_for_a_product_not_on_sale_is_refused()
    {
        await using var setup = await SetUpAsync();
        var draft = await setup.Fixture.CreateProductAsync(setup.Tenant.OrganizationId, status: "draft");
        var active = await setup.Fixture.CreateProductAsync(setup.Tenant.OrganizationId);

        using var withoutKey = await OrderRequests.CreateAsync(setup.Http, OrderRequests.Body((active, 1)), idempotencyKey: null);
        using var notOnSale = await OrderRequests.CreateAsync(setup.Http, OrderRequests.Body((draft, 1)), "draft");
        using var badQuantity = await OrderRequests.CreateAsync(setup.Http, OrderRequests.Body((active, 0)), "zero");

        await ProblemAssert.IsProblemAsync(withoutKey, ProblemBase + "idempotency-key-required");
        await ProblemAssert.IsProblemAsync(notOnSale, ProblemBase + "product-unavailable");
        Assert.Equal(HttpStatusCode.BadRequest, badQuantity.StatusCode);
        Assert.Equal(0L, await setup.Fixture.ScalarAsync<long>("SELECT count(*) FROM orders WHERE organization_id = @o", ("o", setup.Tenant.OrganizationId)));
    }

    [Fact]
    public async Task Two_hundred_concurrent_buyers_of_a_stock_of_fifty_reserve_exactly_fifty()
    {
        await using var setup = await SetUpAsync();
        var product = await setup.Fixture.CreateProductAsync(setup.Tenant.OrganizationId, stockLimit: 50);

        var responses = await Task.WhenAll(Enumerable.Range(0, 200)
            .Select(i => OrderRequests.CreateAsync(setup.Http, OrderRequests.Body((product, 1)), $"buyer-{i}")));

        Assert.Equal(50, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(150, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        await ProblemAssert.IsProblemAsync(responses.First(r => r.StatusCode == HttpStatusCode.Conflict), ProblemBase + "out-of-stock");
        Assert.Equal(50, await setup.Fixture.ScalarAsync<int>("SELECT reserved FROM product_stock WHERE product_id = @p", ("p", product)));
        Assert.Equal(50L, await setup.Fixture.ScalarAsync<long>("SELECT count(*) FROM orders WHERE organization_id = @o", ("o", setup.Tenant.OrganizationId)));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Cancelling_releases_the_stock_and_a_second_cancel_is_a_409_with_the_current_state()
    {
        await using var setup = await SetUpAsync();
        var product = await setup.Fixture.CreateProductAsync(setup.Tenant.OrganizationId, stockLimit: 3);
        using var created = await OrderRequests.CreateAsync(setup.Http, OrderRequests.Body((product, 3)), "to-cancel");
        var id = (await OrderRequests.JsonAsync(created)).GetProperty("id").GetGuid();

        using var cancel = await setup.Http.PostAsync(new Uri($"/api/v1/orders/{id}/cancel", UriKind.Relative), null, TestContext.Current.CancellationToken);
        using var again = await setup.Http.PostAsync(new Uri($"/api/v1/orders/{id}/cancel", UriKind.Relative), null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await ProblemAssert.IsProblemAsync(again, ProblemBase + "invalid-order-transition");
        Assert.Equal("cancelled", problem.GetProperty("current_status").GetString());
        Assert.Equal(0, await setup.Fixture.ScalarAsync<int>("SELECT reserved FROM product_stock WHERE product_id = @p", ("p", product)));
        var order = await OrderRequests.GetAsync(setup.Http, id);
        Assert.Equal(["created", "reserved", "cancelled"], order.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("to").GetString()!));
        Assert.Equal(1L, await setup.Fixture.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'order.cancelled' AND entity_id = @id", ("id", id.ToString())));
    }

    [Fact]
    public async Task A_retry_is_answered_from_Redis_once_the_order_is_committed()
    {
        await using var setup = await SetUpAsync();
        var product = await setup.Fixture.CreateProductAsync(setup.Tenant.OrganizationId);
        var body = OrderRequests.Body((product, 1));
        using var first = await OrderRequests.CreateAsync(setup.Http, body, "cached-key");
        var id = (await OrderRequests.JsonAsync(first)).GetProperty("id").GetGuid();

        // Without its Postgres row the key would be free again: only the Redis copy can answer the retry now.
        await setup.Fixture.ScalarAsync<int>(
            "DELETE FROM order_idempotency_keys WHERE organization_id = @org AND key = 'cached-key'", ("org", setup.Tenant.OrganizationId));
        using var retry = await OrderRequests.CreateAsync(setup.Http, body, "cached-key");

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(id, (await OrderRequests.JsonAsync(retry)).GetProperty("id").GetGuid());
        using var otherBody = await OrderRequests.CreateAsync(setup.Http, OrderRequests.Body((product, 2)), "cached-key");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherBody.StatusCode);
        Assert.Equal(1L, await setup.Fixture.ScalarAsync<long>("SELECT count(*) FROM orders WHERE organization_id = @org", ("org", setup.Tenant.OrganizationId)));
    }

    [Fact]
    public async Task With_Redis_unreachable_concurrent_requests_with_one_key_still_create_one_order()
    {
        var tenant = await fixture.CreateTenantAsync("No cache " + Guid.NewGuid().ToString("N")[..8]);
        var unreachable = $"127.0.0.1:{DigitalDelivery.LocalServers.FreePort.Next()},password=nothing,connectTimeout=500";
        await using var isolated = new ApiFactory(fixture.ConnectionString, unreachable, fixture.Settings);
        using var http = await tenant.AuthorizedClientAsync(isolated);
        var product = await fixture.CreateProductAsync(tenant.OrganizationId);
        var body = OrderRequests.Body((product, 1));

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => OrderRequests.CreateAsync(http, body, "no-cache-key")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await OrderRequests.JsonAsync(r)).GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM orders WHERE organization_id = @org", ("org", tenant.OrganizationId)));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    private async Task<Setup> SetUpAsync()
    {
        var tenant = await fixture.CreateTenantAsync("Orders " + Guid.NewGuid().ToString("N")[..8]);
        return new Setup(fixture, tenant, await tenant.AuthorizedClientAsync(fixture.Factory));
    }

    private sealed record Setup(OrdersApiFixture Fixture, TestTenant Tenant, HttpClient Http) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            Http.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
