using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalDelivery.Tests.Fulfillment;
using StandardWebhooks;
using static DigitalDelivery.Tests.CustomerAccess.CustomerAccessHttp;

namespace DigitalDelivery.Tests.Deliveries;

/// <summary>The promise merchants build on: a paid order's order.fulfilled reaches their webhook, signed.</summary>
public sealed class OrderFulfilledWebhookTests(FulfillmentFixture fixture) : IClassFixture<FulfillmentFixture>
{
    private static readonly string[] OrderEvents = ["order.fulfilled"];
    private static readonly string[] OtherEvents = ["entitlement.revoked"];
    private static readonly string[] EmailAndErp = ["email", "webhook:erp"];

    [Fact]
    public async Task A_paid_orders_order_fulfilled_event_reaches_the_merchants_webhook_with_a_verifiable_signature()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var tenant = await fixture.CreateMerchantAsync("order-webhook");
        using var http = await fixture.ClientAsync(tenant);
        using var created = await http.PostAsJsonAsync("/api/v1/destinations", new
        {
            name = "Shop backend", type = "webhook", config = new { url = receiver.Url("/hooks/orders") }, events = OrderEvents,
        }, Ct);
        var secret = (await JsonAsync(created, HttpStatusCode.Created)).GetProperty("signing_secret").GetString()!;
        var product = await fixture.CreateProductAsync(tenant.OrganizationId);
        await fixture.AddAssetAsync(tenant.OrganizationId, product, maxDownloads: 3, expiresAfterDays: 7);
        await fixture.SetAutoFulfillAsync(tenant.OrganizationId, product, autoFulfill: true);
        fixture.StartDeliveryWorker();

        var orderId = await FulfillmentFixture.OrderAndPayAsync(http, "hooked@example.com", (product, 1));

        var received = await receiver.WaitForAsync(r => r.Path == "/hooks/orders", TimeSpan.FromSeconds(60), "order.fulfilled");
        new StandardWebhook(secret).Verify(received.Body, received.Headers);
        using var payload = JsonDocument.Parse(received.Body);
        Assert.Equal("order.fulfilled", payload.RootElement.GetProperty("type").GetString());
        var data = payload.RootElement.GetProperty("data");
        Assert.Equal(orderId, data.GetProperty("order_id").GetGuid());
        Assert.Equal(1, data.GetProperty("entitlements_granted").GetInt32());
        Assert.Equal("hooked@example.com", data.GetProperty("customer_email").GetString());
        Assert.Single(receiver.Received("/hooks/orders"));
    }

    [Fact]
    public async Task A_destination_named_by_the_products_delivery_configuration_gets_order_fulfilled_without_subscribing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var tenant = await fixture.CreateMerchantAsync("named-destination");
        using var http = await fixture.ClientAsync(tenant);
        foreach (var (name, path) in new[] { ("ERP", "/hooks/erp"), ("Analytics", "/hooks/analytics") })
        {
            using var created = await http.PostAsJsonAsync("/api/v1/destinations", new
            {
                name, type = "webhook", config = new { url = receiver.Url(path) }, events = OtherEvents,
            }, Ct);
            await JsonAsync(created, HttpStatusCode.Created);
        }

        var product = await fixture.CreateProductAsync(tenant.OrganizationId);
        await fixture.AddAssetAsync(tenant.OrganizationId, product, maxDownloads: 3, expiresAfterDays: 7);
        await fixture.SetAutoFulfillAsync(tenant.OrganizationId, product, autoFulfill: true);
        await fixture.ExecuteAsync(
            "UPDATE product_delivery_configs SET destinations = @destinations WHERE product_id = @product",
            ("product", product), ("destinations", EmailAndErp));
        fixture.StartDeliveryWorker();

        var orderId = await FulfillmentFixture.OrderAndPayAsync(http, "named@example.com", (product, 1));

        var received = await receiver.WaitForAsync(r => r.Path == "/hooks/erp", TimeSpan.FromSeconds(60), "order.fulfilled at the named destination");
        using var payload = JsonDocument.Parse(received.Body);
        Assert.Equal(orderId, payload.RootElement.GetProperty("data").GetProperty("order_id").GetGuid());
        Assert.Equal(1L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM deliveries WHERE organization_id = @org AND event_type = 'order.fulfilled'", ("org", tenant.OrganizationId)));
        Assert.Empty(receiver.Received("/hooks/analytics"));
    }
}
