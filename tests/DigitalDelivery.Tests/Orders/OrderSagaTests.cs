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
}
