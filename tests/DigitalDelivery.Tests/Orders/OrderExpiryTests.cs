using System.Net;
using DigitalDelivery.Tests.Messaging.Support;

namespace DigitalDelivery.Tests.Orders;

public sealed class OrderExpiryTests(OrdersWithWorkerFixture fixture) : IClassFixture<OrdersWithWorkerFixture>
{
    [Fact]
    public async Task An_unpaid_order_expires_through_its_scheduled_message_and_frees_its_stock()
    {
        await fixture.StartWorkerAsync();
        var tenant = await fixture.CreateTenantAsync("Expiry");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var product = await fixture.CreateProductAsync(tenant.OrganizationId, stockLimit: 1);

        using var first = await OrderRequests.CreateAsync(http, OrderRequests.Body((product, 1)), "first");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await OrderRequests.JsonAsync(first);
        var id = created.GetProperty("id").GetGuid();
        var due = created.GetProperty("reservation_expires_at").GetDateTimeOffset();

        await Eventually.WaitUntilAsync(
            async () => (await OrderRequests.GetAsync(http, id)).GetProperty("status").GetString() == "expired",
            TimeSpan.FromSeconds(30),
            "the order to expire");

        var order = await OrderRequests.GetAsync(http, id);
        var expired = order.GetProperty("timeline").EnumerateArray().Last();
        Assert.Equal("reservation window elapsed without payment", expired.GetProperty("cause").GetString());
        Assert.True(expired.GetProperty("at").GetDateTimeOffset() >= due, "The order expired before its window ended.");
        Assert.Equal(0, await fixture.ScalarAsync<int>("SELECT reserved FROM product_stock WHERE product_id = @p", ("p", product)));
        Assert.Equal(0, order.GetProperty("lines")[0].GetProperty("reserved_quantity").GetInt32());
        using var second = await OrderRequests.CreateAsync(http, OrderRequests.Body((product, 1)), "second");
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
    }
}
