using System.Net;
using System.Net.Http.Json;
using DigitalDelivery.Tests.Messaging.Support;
using DigitalDelivery.Tests.Orders;

namespace DigitalDelivery.Tests.Fulfillment;

public sealed class OrderFulfillmentTests(FulfillmentFixture fixture) : IClassFixture<FulfillmentFixture>
{
    [Fact]
    public async Task A_paid_order_is_fulfilled_with_entitlements_license_keys_and_one_delivery_request()
    {
        var tenant = await fixture.CreateMerchantAsync("Fulfil");
        using var http = await fixture.ClientAsync(tenant);
        var product = await fixture.CreateProductAsync(tenant.OrganizationId, type: "license_key");
        await fixture.AddAssetAsync(tenant.OrganizationId, product, maxDownloads: 3, expiresAfterDays: 30);
        await FulfillmentFixture.ImportKeysAsync(http, product, "AAAA-1111", "BBBB-2222", "CCCC-3333");

        var orderId = await FulfillmentFixture.OrderAndPayAsync(http, (product, 2));
        await FulfillmentFixture.WaitForStatusAsync(http, orderId, "fulfilled");

        Assert.Equal(6, await fixture.ScalarAsync<int>("SELECT max_downloads FROM download_access WHERE order_id = @id", ("id", orderId)));
        Assert.Equal(30.0, await fixture.ScalarAsync<double>(
            "SELECT (extract(epoch FROM expires_at - granted_at) / 86400)::float8 FROM download_access WHERE order_id = @id", ("id", orderId)));
        Assert.Equal(2L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM license_keys k JOIN order_lines l ON k.assigned_to = 'order-line:' || replace(l.id::text, '-', '') WHERE l.order_id = @id",
            ("id", orderId)));
        Assert.Equal(1L, await fixture.DeliveryRequestsAsync(orderId));
        Assert.Equal(2L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM order_fulfillment_tasks WHERE order_id = @id AND status = 'completed' AND attempts = 1", ("id", orderId)));
        foreach (var status in new[] { "paid", "fulfilling", "fulfilled" })
        {
            Assert.Equal(1L, await fixture.TransitionsToAsync(orderId, status));
        }

        var fulfillment = await http.GetFromJsonAsync<OrderFulfillmentBody>($"/api/v1/orders/{orderId}/fulfillment", TestContext.Current.CancellationToken);
        Assert.Equal(["digital_delivery", "license_key"], fulfillment!.Tasks.Select(t => t.Type));
    }

    [Fact]
    public async Task A_product_that_does_not_fulfil_on_payment_waits_paid_until_a_manual_fulfil()
    {
        var tenant = await fixture.CreateMerchantAsync("Manual");
        using var http = await fixture.ClientAsync(tenant);
        var product = await fixture.CreateProductAsync(tenant.OrganizationId);
        await fixture.AddAssetAsync(tenant.OrganizationId, product, maxDownloads: null, expiresAfterDays: null);
        await fixture.SetAutoFulfillAsync(tenant.OrganizationId, product, autoFulfill: false);

        var orderId = await FulfillmentFixture.OrderAndPayAsync(http, (product, 1));
        await FulfillmentFixture.WaitForStatusAsync(http, orderId, "paid");

        // Paid and the fulfillment request would commit together, so none now means none is coming.
        Assert.Equal(0L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM messaging_messages WHERE message_type = 'order-fulfillment-requested.v1' AND payload->>'orderId' = @id",
            ("id", orderId.ToString())));
        Assert.Equal("pending", await fixture.ScalarAsync<string>("SELECT status FROM order_fulfillment_tasks WHERE order_id = @id", ("id", orderId)));

        using var fulfil = await http.PostAsync($"/api/v1/orders/{orderId}/fulfil", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, fulfil.StatusCode);
        await FulfillmentFixture.WaitForStatusAsync(http, orderId, "fulfilled");
        Assert.Null(await fixture.ScalarAsync<int?>("SELECT max_downloads FROM download_access WHERE order_id = @id", ("id", orderId)));
        Assert.Equal(1L, await fixture.DeliveryRequestsAsync(orderId));

        using var again = await http.PostAsync($"/api/v1/orders/{orderId}/fulfil", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("https://digitaldelivery.dev/problems/order-not-fulfillable", (await OrderRequests.JsonAsync(again)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_failing_fulfillment_keeps_its_error_on_the_task_and_a_manual_fulfil_finishes_it()
    {
        var tenant = await fixture.CreateMerchantAsync("Failing");
        using var http = await fixture.ClientAsync(tenant);
        var product = await fixture.CreateProductAsync(tenant.OrganizationId, type: "license_key");
        await FulfillmentFixture.ImportKeysAsync(http, product, "ONLY-0001");
        await fixture.SetAutoFulfillAsync(tenant.OrganizationId, product, autoFulfill: false);
        var orderId = await FulfillmentFixture.OrderAndPayAsync(http, (product, 1));
        await FulfillmentFixture.WaitForStatusAsync(http, orderId, "paid");

        // The pool loses its key behind the order's back (an operator's mistake): fulfillment cannot assign one.
        await fixture.ExecuteAsync("DELETE FROM license_keys WHERE product_id = @p", ("p", product));
        using (var fulfil = await http.PostAsync($"/api/v1/orders/{orderId}/fulfil", null, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Accepted, fulfil.StatusCode);
        }

        await Eventually.WaitUntilAsync(
            async () => await fixture.ScalarAsync<string>(
                "SELECT last_error FROM order_fulfillment_tasks WHERE order_id = @id AND type = 'license_key'", ("id", orderId)) is { } error
                && error.Contains("no key left", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60),
            "the failure to be recorded on the task");
        Assert.Equal("fulfilling", (await OrderRequests.GetAsync(http, orderId)).GetProperty("status").GetString());
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM download_access WHERE order_id = @id", ("id", orderId)));

        await FulfillmentFixture.ImportKeysAsync(http, product, "SPARE-0002");
        using (var retry = await http.PostAsync($"/api/v1/orders/{orderId}/fulfil", null, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        }

        await FulfillmentFixture.WaitForStatusAsync(http, orderId, "fulfilled");
        Assert.Equal(1L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM license_keys WHERE product_id = @p AND assigned_at IS NOT NULL", ("p", product)));
    }

    [Fact]
    public async Task Concurrent_orders_of_a_license_product_never_get_the_same_key()
    {
        const int buyers = 8;
        var tenant = await fixture.CreateMerchantAsync("Keys");
        using var http = await fixture.ClientAsync(tenant);
        var product = await fixture.CreateProductAsync(tenant.OrganizationId, type: "license_key");
        await FulfillmentFixture.ImportKeysAsync(http, product, [.. Enumerable.Range(1, buyers).Select(i => $"KEY-{i:D4}")]);

        var orders = await Task.WhenAll(Enumerable.Range(0, buyers).Select(_ => FulfillmentFixture.OrderAndPayAsync(http, (product, 1))));
        foreach (var orderId in orders)
        {
            await FulfillmentFixture.WaitForStatusAsync(http, orderId, "fulfilled");
        }

        Assert.Equal((long)buyers, await fixture.ScalarAsync<long>(
            "SELECT count(DISTINCT assigned_to) FROM license_keys WHERE product_id = @p AND assigned_at IS NOT NULL", ("p", product)));
        Assert.Equal(0L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM license_keys WHERE product_id = @p AND assigned_at IS NULL", ("p", product)));
    }

    [Fact]
    public async Task A_refund_revokes_every_entitlement_the_order_granted_and_records_it()
    {
        var tenant = await fixture.CreateMerchantAsync("Refund");
        using var http = await fixture.ClientAsync(tenant);
        var product = await fixture.CreateProductAsync(tenant.OrganizationId);
        await fixture.AddAssetAsync(tenant.OrganizationId, product, maxDownloads: 5, expiresAfterDays: null);
        await fixture.AddAssetAsync(tenant.OrganizationId, product, maxDownloads: 5, expiresAfterDays: null);
        var orderId = await FulfillmentFixture.OrderAndPayAsync(http, (product, 1));
        await FulfillmentFixture.WaitForStatusAsync(http, orderId, "fulfilled");
        Assert.Equal(2L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM download_access WHERE order_id = @id AND revoked_at IS NULL", ("id", orderId)));

        await fixture.RefundAsync(orderId);
        await FulfillmentFixture.WaitForStatusAsync(http, orderId, "refunded");

        Assert.Equal(2L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM download_access WHERE order_id = @id AND revoked_reason = 'order refunded'", ("id", orderId)));
        Assert.Contains("2 download entitlement(s) revoked", await fixture.ScalarAsync<string>(
            "SELECT cause FROM order_transitions WHERE order_id = @id AND to_status = 'refunded'", ("id", orderId)), StringComparison.Ordinal);
    }

    private sealed record OrderFulfillmentBody(IReadOnlyList<TaskBody> Tasks);

    private sealed record TaskBody(string Type, string Status);
}
