using System.Net;
using System.Net.Http.Json;
using DigitalDelivery.Tests.Messaging.Support;

namespace DigitalDelivery.Tests.Orders;

public sealed class OrderSagaTests(OrderSagaFixture fixture) : IClassFixture<OrderSagaFixture>
{
    [Fact]
    public async Task An_approved_payment_is_captured_once_by_Worker_and_the_captured_webhook_marks_the_order_paid()
    {
        using var order = await ReservedOrderAsync("Saga", "saga");

        using var paid = await order.Http.PostAsJsonAsync(
            $"/api/v1/orders/{order.OrderId}/payment", new { card_number = "4242424242424242" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, paid.StatusCode);

        await Eventually.WaitUntilAsync(
            async () => (await OrderRequests.GetAsync(order.Http, order.OrderId)).GetProperty("status").GetString() == "paid",
            TimeSpan.FromSeconds(60),
            "the order to be captured and paid");
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM order_transitions WHERE order_id = @id AND to_status = 'paid'", ("id", order.OrderId)));
        Assert.Equal(1, await fixture.ScalarAsync<int>("SELECT sold FROM product_stock WHERE product_id = @p", ("p", order.Product)));
        Assert.Equal("captured", await fixture.ScalarAsync<string>(
            "SELECT status FROM sandbox_payments WHERE id = (SELECT preauth_id FROM orders WHERE id = @id)", ("id", order.OrderId)));
    }

    [Fact]
    public async Task An_authorisation_that_arrives_after_the_order_was_cancelled_is_voided()
    {
        using var order = await ReservedOrderAsync("Late authorisation", "late");

        fixture.Webhooks.Hold("payment.authorized");
        try
        {
            using var paid = await order.Http.PostAsJsonAsync(
                $"/api/v1/orders/{order.OrderId}/payment", new { card_number = "4242424242424242" }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, paid.StatusCode);
            using var cancelled = await order.Http.PostAsync($"/api/v1/orders/{order.OrderId}/cancel", null, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }
        finally
        {
            fixture.Webhooks.Open();
        }

        await Eventually.WaitUntilAsync(
            async () => await fixture.ScalarAsync<string>(
                "SELECT status FROM sandbox_payments WHERE id = (SELECT preauth_id FROM orders WHERE id = @id)", ("id", order.OrderId)) == "voided",
            TimeSpan.FromSeconds(60),
            "the late authorisation to be voided");
        Assert.Equal("cancelled", (await OrderRequests.GetAsync(order.Http, order.OrderId)).GetProperty("status").GetString());
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM order_transitions WHERE order_id = @id AND to_status = 'paid'", ("id", order.OrderId)));
    }

    [Fact]
    public async Task An_order_cancelled_after_its_capture_but_before_Paid_is_refunded_not_left_charged()
    {
        using var order = await ReservedOrderAsync("Capture race", "race");
        const string PaymentStatus = "SELECT status FROM sandbox_payments WHERE id = (SELECT preauth_id FROM orders WHERE id = @id)";

        fixture.Webhooks.Hold("payment.captured");
        try
        {
            using var paid = await order.Http.PostAsJsonAsync(
                $"/api/v1/orders/{order.OrderId}/payment", new { card_number = "4242424242424242" }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, paid.StatusCode);
            await Eventually.WaitUntilAsync(
                async () => await fixture.ScalarAsync<string>(PaymentStatus, ("id", order.OrderId)) == "captured",
                TimeSpan.FromSeconds(60), "Worker to capture");
            using var cancelled = await order.Http.PostAsync($"/api/v1/orders/{order.OrderId}/cancel", null, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
            await Eventually.WaitUntilAsync(
                async () => await fixture.ScalarAsync<string>(PaymentStatus, ("id", order.OrderId)) == "refunded",
                TimeSpan.FromSeconds(60), "the captured money to be refunded");
        }
        finally
        {
            fixture.Webhooks.Open();
        }

        Assert.Equal("cancelled", (await OrderRequests.GetAsync(order.Http, order.OrderId)).GetProperty("status").GetString());
        Assert.Equal(0, await fixture.ScalarAsync<int>("SELECT sold FROM product_stock WHERE product_id = @p", ("p", order.Product)));
    }

    /// <summary>Worker running, a tenant's client, a product with a stock of one and a Reserved order of it.</summary>
    private async Task<ReservedOrder> ReservedOrderAsync(string tenantName, string idempotencyKey)
    {
        fixture.StartWorker();
        var tenant = await fixture.CreateTenantAsync(tenantName);
        var http = await fixture.ClientAsync(tenant);
        var product = await fixture.CreateProductAsync(tenant.OrganizationId, stockLimit: 1);
        using var created = await OrderRequests.CreateAsync(http, OrderRequests.Body((product, 1)), idempotencyKey);
        return new ReservedOrder(http, product, (await OrderRequests.JsonAsync(created)).GetProperty("id").GetGuid());
    }

    private sealed record ReservedOrder(HttpClient Http, Guid Product, Guid OrderId) : IDisposable
    {
        public void Dispose() => Http.Dispose();
    }
}
