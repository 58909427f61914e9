using System.Net;
using System.Net.Http.Json;
using DigitalDelivery.Tests.Messaging.Support;

namespace DigitalDelivery.Tests.Orders;

public sealed class OrderSagaTests(OrderSagaFixture fixture) : IClassFixture<OrderSagaFixture>
{
    [Fact]
    public async Task An_approved_payment_is_captured_once_by_Worker_and_the_captured_webhook_marks_the_order_paid()
    {
        fixture.StartWorker();
        var tenant = await fixture.CreateTenantAsync("Saga");
        using var http = await fixture.ClientAsync(tenant);
        var product = await fixture.CreateProductAsync(tenant.OrganizationId, stockLimit: 1);
        using var created = await OrderRequests.CreateAsync(http, OrderRequests.Body((product, 1)), "saga");
        var orderId = (await OrderRequests.JsonAsync(created)).GetProperty("id").GetGuid();

        using var paid = await http.PostAsJsonAsync(
            $"/api/v1/orders/{orderId}/payment", new { card_number = "4242424242424242" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, paid.StatusCode);

        await Eventually.WaitUntilAsync(
            async () => (await OrderRequests.GetAsync(http, orderId)).GetProperty("status").GetString() == "paid",
            TimeSpan.FromSeconds(60),
            "the order to be captured and paid");
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM order_transitions WHERE order_id = @id AND to_status = 'paid'", ("id", orderId)));
        Assert.Equal(1, await fixture.ScalarAsync<int>("SELECT sold FROM product_stock WHERE product_id = @p", ("p", product)));
        Assert.Equal("captured", await fixture.ScalarAsync<string>(
            "SELECT status FROM sandbox_payments WHERE id = (SELECT preauth_id FROM orders WHERE id = @id)", ("id", orderId)));
    }

    [Fact]
    public async Task An_authorisation_that_arrives_after_the_order_was_cancelled_is_voided()
    {
        fixture.StartWorker();
        var tenant = await fixture.CreateTenantAsync("Late authorisation");
        using var http = await fixture.ClientAsync(tenant);
        var product = await fixture.CreateProductAsync(tenant.OrganizationId, stockLimit: 1);
        using var created = await OrderRequests.CreateAsync(http, OrderRequests.Body((product, 1)), "late");
        var orderId = (await OrderRequests.JsonAsync(created)).GetProperty("id").GetGuid();

        fixture.Webhooks.Hold("payment.authorized");
        try
        {
            using var paid = await http.PostAsJsonAsync(
                $"/api/v1/orders/{orderId}/payment", new { card_number = "4242424242424242" }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, paid.StatusCode);
            using var cancelled = await http.PostAsync($"/api/v1/orders/{orderId}/cancel", null, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }
        finally
        {
            fixture.Webhooks.Open();
        }

        await Eventually.WaitUntilAsync(
            async () => await fixture.ScalarAsync<string>(
                "SELECT status FROM sandbox_payments WHERE id = (SELECT preauth_id FROM orders WHERE id = @id)", ("id", orderId)) == "voided",
            TimeSpan.FromSeconds(60),
            "the late authorisation to be voided");
        Assert.Equal("cancelled", (await OrderRequests.GetAsync(http, orderId)).GetProperty("status").GetString());
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM order_transitions WHERE order_id = @id AND to_status = 'paid'", ("id", orderId)));
    }

    [Fact]
    public async Task An_order_cancelled_after_its_capture_but_before_Paid_is_refunded_not_left_charged()
    {
        fixture.StartWorker();
        var tenant = await fixture.CreateTenantAsync("Capture race");
        using var http = await fixture.ClientAsync(tenant);
        var product = await fixture.CreateProductAsync(tenant.OrganizationId, stockLimit: 1);
        using var created = await OrderRequests.CreateAsync(http, OrderRequests.Body((product, 1)), "race");
        var orderId = (await OrderRequests.JsonAsync(created)).GetProperty("id").GetGuid();
        const string PaymentStatus = "SELECT status FROM sandbox_payments WHERE id = (SELECT preauth_id FROM orders WHERE id = @id)";

        fixture.Webhooks.Hold("payment.captured");
        try
        {
            using var paid = await http.PostAsJsonAsync(
                $"/api/v1/orders/{orderId}/payment", new { card_number = "4242424242424242" }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, paid.StatusCode);
            await Eventually.WaitUntilAsync(
                async () => await fixture.ScalarAsync<string>(PaymentStatus, ("id", orderId)) == "captured",
                TimeSpan.FromSeconds(60), "Worker to capture");
            using var cancelled = await http.PostAsync($"/api/v1/orders/{orderId}/cancel", null, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
            await Eventually.WaitUntilAsync(
                async () => await fixture.ScalarAsync<string>(PaymentStatus, ("id", orderId)) == "refunded",
                TimeSpan.FromSeconds(60), "the captured money to be refunded");
        }
        finally
        {
            fixture.Webhooks.Open();
        }

        Assert.Equal("cancelled", (await OrderRequests.GetAsync(http, orderId)).GetProperty("status").GetString());
        Assert.Equal(0, await fixture.ScalarAsync<int>("SELECT sold FROM product_stock WHERE product_id = @p", ("p", product)));
    }
}
