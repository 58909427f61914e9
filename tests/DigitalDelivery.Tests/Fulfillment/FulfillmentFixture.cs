extern alias deliveryworker;

using System.Net;
using System.Net.Http.Json;
using DigitalDelivery.Core.Payments;
using DigitalDelivery.Tests.Identity;
using DigitalDelivery.Tests.Infrastructure;
using DigitalDelivery.Tests.Messaging.Support;
using DigitalDelivery.Tests.Orders;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DigitalDelivery.Tests.Fulfillment;

/// <summary>
/// The order saga's Api and Worker, with helpers that give products what fulfillment reads: assets with their
/// download rules, license keys and the delivery configuration.
/// </summary>
public sealed class FulfillmentFixture(LocalInfrastructure infrastructure) : OrderSagaFixture(infrastructure)
{
    public const string ApprovedCard = "4242424242424242";

    /// <summary>Where the customer's mail points: the Web's public address (no Web runs; the token is what matters).</summary>
    public const string PortalBaseUrl = "http://shop.test";

    private ServiceFactory<deliveryworker::Program>? deliveryWorker;

    /// <summary>DeliveryWorker on the fixture's database, mailing customers through the real test SMTP server.</summary>
    public void StartDeliveryWorker()
    {
        deliveryWorker ??= new ServiceFactory<deliveryworker::Program>(new Dictionary<string, string?>(AppHostSettings.For(Infrastructure, ConnectionString))
        {
            ["CustomerPortal:BaseUrl"] = PortalBaseUrl,
            ["ConnectionStrings:smtp"] = Infrastructure.Smtp.ConnectionString,
        });
        _ = deliveryWorker.Services;
    }

    public override async ValueTask DisposeAsync()
    {
        if (deliveryWorker is not null)
        {
            await deliveryWorker.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>Attaches an asset to the product, served from a Clean file row (fulfillment never reads the bytes).</summary>
    public async Task<Guid> AddAssetAsync(Guid organizationId, Guid productId, int? maxDownloads, int? expiresAfterDays, bool notifyOnExpiry = false)
    {
        var fileId = Guid.CreateVersion7();
        var assetId = Guid.CreateVersion7();
        await ExecuteAsync(
            """
            INSERT INTO catalog_files (id, organization_id, blob_name, file_name, content_type, size_bytes, sha256, status,
                                       scan_attempts, uploaded_at, version)
            VALUES (@file, @org, @blob, 'book.epub', 'application/epub+zip', 1024, repeat('a', 64), 'clean', 1, now(), 1);
            INSERT INTO product_assets (id, organization_id, product_id, name, current_file_id, current_version, max_downloads,
                                        expires_after_days, notify_customer_on_expiry, created_at, updated_at, version)
            VALUES (@asset, @org, @product, 'The book', @file, 1, @max, @days, @notify, now(), now(), 1);
            INSERT INTO product_asset_versions (id, organization_id, asset_id, number, file_id, created_at)
            VALUES (gen_random_uuid(), @org, @asset, 1, @file, now());
            """,
            ("file", fileId), ("asset", assetId), ("org", organizationId), ("product", productId), ("blob", $"{organizationId:N}/{fileId:N}"),
            ("max", (object?)maxDownloads ?? DBNull.Value), ("days", (object?)expiresAfterDays ?? DBNull.Value), ("notify", notifyOnExpiry));
        return assetId;
    }

    public Task SetAutoFulfillAsync(Guid organizationId, Guid productId, bool autoFulfill) => ExecuteAsync(
        """
        INSERT INTO product_delivery_configs (product_id, organization_id, auto_fulfill_on_payment, updated_at, version)
        VALUES (@product, @org, @auto, now(), 1)
        """,
        ("product", productId), ("org", organizationId), ("auto", autoFulfill));

    public static async Task ImportKeysAsync(HttpClient http, Guid productId, params string[] keys)
    {
        using var response = await http.PostAsJsonAsync(
            $"/api/v1/products/{productId}/license-keys/import", new { keys }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Creates an order and pays it with the approved test card; the saga takes it from there.</summary>
    public static Task<Guid> OrderAndPayAsync(HttpClient http, params (Guid ProductId, int Quantity)[] lines) =>
        OrderAndPayAsync(http, "buyer@example.com", lines);

    public static async Task<Guid> OrderAndPayAsync(HttpClient http, string customerEmail, params (Guid ProductId, int Quantity)[] lines)
    {
        using var created = await OrderRequests.CreateAsync(http, OrderRequests.BodyFor(customerEmail, lines), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var orderId = (await OrderRequests.JsonAsync(created)).GetProperty("id").GetGuid();
        using var paid = await http.PostAsJsonAsync(
            $"/api/v1/orders/{orderId}/payment", new { card_number = ApprovedCard }, TestContext.Current.CancellationToken);
        Assert.True(paid.StatusCode == HttpStatusCode.Accepted, await paid.Content.ReadAsStringAsync());
        return orderId;
    }

    /// <summary>Waits for the order's status; a timeout reports the order's timeline and tasks, which say why.</summary>
    public static async Task WaitForStatusAsync(HttpClient http, Guid orderId, string status)
    {
        try
        {
            await Eventually.WaitUntilAsync(
                async () => (await OrderRequests.GetAsync(http, orderId)).GetProperty("status").GetString() == status,
                TimeSpan.FromSeconds(60),
                $"order {orderId} to become {status}");
        }
        catch (Exception timeout) when (timeout is not OperationCanceledException)
        {
            var order = await OrderRequests.GetAsync(http, orderId);
            var tasks = await http.GetStringAsync(new Uri($"/api/v1/orders/{orderId}/fulfillment", UriKind.Relative), TestContext.Current.CancellationToken);
            throw new TimeoutException($"{timeout.Message} Order: {order}. Fulfillment: {tasks}", timeout);
        }
    }

    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    public Task<long> DeliveryRequestsAsync(Guid orderId) => ScalarAsync<long>(
        """
        SELECT count(*) FROM messaging_messages
        WHERE queue = 'delivery' AND message_type = 'order-access-delivery-requested.v1' AND payload->>'orderId' = @id
        """,
        ("id", orderId.ToString()));

    public Task<long> TransitionsToAsync(Guid orderId, string status) => ScalarAsync<long>(
        "SELECT count(*) FROM order_transitions WHERE order_id = @id AND to_status = @status", ("id", orderId), ("status", status));

    /// <summary>Refunds the whole order at the sandbox processor, as a merchant would from its dashboard; the webhook follows.</summary>
    public async Task RefundAsync(Guid orderId)
    {
        var preauthId = await ScalarAsync<string>("SELECT preauth_id FROM orders WHERE id = @id", ("id", orderId));
        var total = await ScalarAsync<long>("SELECT total_minor FROM orders WHERE id = @id", ("id", orderId));
        await using var scope = Payments.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IPaymentProvider>().RefundAsync(
            preauthId!, new Money(total, "EUR"), $"test-refund-{orderId}", TestContext.Current.CancellationToken);
        Assert.IsType<PaymentOperationSucceeded>(result);
    }

    public async Task<TestTenant> CreateMerchantAsync(string name)
    {
        StartWorker();
        return await CreateTenantAsync(name);
    }
}
