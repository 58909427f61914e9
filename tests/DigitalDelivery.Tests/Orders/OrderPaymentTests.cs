using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DigitalDelivery.Core.Payments;
using DigitalDelivery.Core.Payments.Webhooks;
using DigitalDelivery.Tests.Identity;
using DigitalDelivery.Tests.Payments;

namespace DigitalDelivery.Tests.Orders;

public sealed class OrderPaymentTests(OrderPaymentsFixture fixture) : IClassFixture<OrderPaymentsFixture>
{
    private const string WebhookPath = "/api/v1/payments/webhooks/sandbox";

    [Fact]
    public async Task A_declined_card_cancels_the_order_with_the_reason_and_releases_its_reservation()
    {
        var (http, tenant, product, orderId) = await OrderAsync(stock: 2);
        using var _ = http;

        using var response = await http.PostAsJsonAsync(
            $"/api/v1/orders/{orderId}/payment", new { card_number = "4000000000000002" }, TestContext.Current.CancellationToken);

        var problem = await ProblemAssert.IsProblemAsync(response, "https://digitaldelivery.dev/problems/payment-declined");
        Assert.Equal("cancelled", problem.GetProperty("current_status").GetString());
        var order = await OrderRequests.GetAsync(http, orderId);
        Assert.Equal("cancelled", order.GetProperty("status").GetString());
        Assert.StartsWith("payment declined", order.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await fixture.ScalarAsync<int>("SELECT reserved FROM product_stock WHERE product_id = @p", ("p", product)));
        Assert.NotEqual(Guid.Empty, tenant.OrganizationId);
    }

    [Fact]
    public async Task An_approved_card_leaves_the_order_reserved_until_the_captured_webhook()
    {
        var (http, _, _, orderId) = await OrderAsync(stock: 2);
        using var client = http;

        using var response = await http.PostAsJsonAsync(
            $"/api/v1/orders/{orderId}/payment", new { card_number = "4242424242424242" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("reserved", (await OrderRequests.GetAsync(http, orderId)).GetProperty("status").GetString());
        Assert.StartsWith("pa_", await fixture.ScalarAsync<string>("SELECT preauth_id FROM orders WHERE id = @id", ("id", orderId)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_and_replayed_captured_webhooks_give_one_paid_transition()
    {
        var (http, tenant, product, orderId) = await OrderAsync(stock: 2);
        using var client = http;
        var captured = CapturedEvent(tenant.OrganizationId, orderId, "evt_first");
        var another = CapturedEvent(tenant.OrganizationId, orderId, "evt_second");

        var statuses = await Task.WhenAll(
            PostWebhookAsync(captured, PaymentEvents.Sign(PaymentEvents.Body(captured), DateTimeOffset.UtcNow, OrderPaymentsFixture.WebhookSecret)),
            PostWebhookAsync(captured, PaymentEvents.Sign(PaymentEvents.Body(captured), DateTimeOffset.UtcNow, OrderPaymentsFixture.WebhookSecret)),
            PostWebhookAsync(another, PaymentEvents.Sign(PaymentEvents.Body(another), DateTimeOffset.UtcNow, OrderPaymentsFixture.WebhookSecret)));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM order_transitions WHERE order_id = @id AND to_status = 'paid'", ("id", orderId)));
        Assert.Equal("paid", (await OrderRequests.GetAsync(http, orderId)).GetProperty("status").GetString());
        Assert.Equal(1, await fixture.ScalarAsync<int>("SELECT sold FROM product_stock WHERE product_id = @p", ("p", product)));
        Assert.Equal(0, await fixture.ScalarAsync<int>("SELECT reserved FROM product_stock WHERE product_id = @p", ("p", product)));
    }

    [Fact]
    public async Task A_forged_or_stale_signature_is_401_and_changes_nothing()
    {
        var (http, tenant, _, orderId) = await OrderAsync(stock: 2);
        using var client = http;
        var captured = CapturedEvent(tenant.OrganizationId, orderId, "evt_forged");
        var body = PaymentEvents.Body(captured);

        var forged = await PostWebhookAsync(captured, PaymentEvents.Sign(body, DateTimeOffset.UtcNow, "whsec_not_the_secret"));
        var stale = await PostWebhookAsync(captured, PaymentEvents.Sign(body, DateTimeOffset.UtcNow.AddMinutes(-10), OrderPaymentsFixture.WebhookSecret));

        Assert.Equal(HttpStatusCode.Unauthorized, forged);
        Assert.Equal(HttpStatusCode.Unauthorized, stale);
        Assert.Equal("reserved", (await OrderRequests.GetAsync(http, orderId)).GetProperty("status").GetString());
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM order_transitions WHERE order_id = @id AND to_status = 'paid'", ("id", orderId)));
    }

    private static PaymentEvent CapturedEvent(Guid organizationId, Guid orderId, string eventId) => new(
        eventId + "_" + orderId.ToString("N"),
        PaymentEventTypes.Captured,
        DateTimeOffset.UtcNow,
        $"pa_{Guid.NewGuid():N}",
        new Money(1999, "EUR"),
        $"{organizationId:N}.{orderId:N}");

    private async Task<HttpStatusCode> PostWebhookAsync(PaymentEvent paymentEvent, string signature)
    {
        using var http = fixture.Payments.CreateClient();
        using var content = new ByteArrayContent(PaymentEvents.Body(paymentEvent));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookPath) { Content = content };
        request.Headers.Add("Sandbox-Signature", signature);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private async Task<(HttpClient Http, TestTenant Tenant, Guid Product, Guid OrderId)> OrderAsync(int stock)
    {
        var tenant = await fixture.CreateTenantAsync("Payments " + Guid.NewGuid().ToString("N")[..8]);
        var http = await fixture.ClientAsync(tenant);
        var product = await fixture.CreateProductAsync(tenant.OrganizationId, stockLimit: stock);
        using var created = await OrderRequests.CreateAsync(http, OrderRequests.Body((product, 1)), "pay-" + Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (http, tenant, product, (await OrderRequests.JsonAsync(created)).GetProperty("id").GetGuid());
    }
}
