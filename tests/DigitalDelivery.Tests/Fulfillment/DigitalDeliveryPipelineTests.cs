using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using DigitalDelivery.Tests.Messaging.Support;
using static DigitalDelivery.Tests.Catalog.CatalogHttp;

namespace DigitalDelivery.Tests.Fulfillment;

/// <summary>
/// The whole pipeline a merchant relies on, through the public Api with Worker running, on real Postgres, Redis,
/// Azurite, clamd and SMTP: from an uploaded e-book to the customer's verified download.
/// </summary>
public sealed partial class DigitalDeliveryPipelineTests(FulfillmentFixture fixture) : IClassFixture<FulfillmentFixture>
{
    private static readonly string[] EmailOnly = ["email"];

    [Fact]
    public async Task An_uploaded_ebook_is_sold_paid_fulfilled_mailed_and_downloaded_by_the_customer()
    {
        var tenant = await fixture.CreateMerchantAsync("Pipeline");
        using var http = await fixture.ClientAsync(tenant);

        // 1. Upload: the file is stored and scanned clean by Worker through clamd.
        var book = RandomNumberGenerator.GetBytes(256 * 1024);
        var fileId = await UploadAsync(http, book, "the-book.epub");
        await Eventually.WaitUntilAsync(
            async () => (await http.GetFromJsonAsync<FileBody>($"/api/v1/files/{fileId}", Ct))!.Status == "clean",
            TimeSpan.FromSeconds(60), "the upload to be scanned clean");

        // 2–4. Product, its asset with download rules, and its delivery configuration.
        var productId = (await CreateProductAsync(http, UniqueSku("BOOK"))).GetProperty("id").GetGuid();
        using (var asset = await http.PostAsJsonAsync(
            $"/api/v1/products/{productId}/assets", new { file_id = fileId, max_downloads = 3, expires_after_days = 14 }, Ct))
        {
            await ExpectAsync(asset, HttpStatusCode.Created);
        }

        using (var config = await SendJsonAsync(http, HttpMethod.Put, $"/api/v1/products/{productId}/delivery-config",
            new { auto_fulfill_on_payment = true, destinations = EmailOnly }, "\"0\""))
        {
            await ExpectAsync(config, HttpStatusCode.OK);
        }

        using (var activate = await SendJsonAsync(http, HttpMethod.Patch, $"/api/v1/products/{productId}", new { status = "active" }, "\"1\""))
        {
            await ExpectAsync(activate, HttpStatusCode.OK);
        }

        // 5–6. The customer orders and pays; the processor's webhook marks the order paid and plans the task.
        var customer = $"reader-{Guid.NewGuid():N}@example.com";
        var orderId = await FulfillmentFixture.OrderAndPayAsync(http, customer, (productId, 1));

        // 7–8. Worker fulfils: the entitlement carries the asset's rules.
        await FulfillmentFixture.WaitForStatusAsync(http, orderId, "fulfilled");
        Assert.Equal(3, await fixture.ScalarAsync<int>("SELECT max_downloads FROM download_access WHERE order_id = @id", ("id", orderId)));
        Assert.Equal(14.0, await fixture.ScalarAsync<double>(
            "SELECT (extract(epoch FROM expires_at - granted_at) / 86400)::float8 FROM download_access WHERE order_id = @id", ("id", orderId)));
        var fulfillment = await http.GetFromJsonAsync<FulfillmentBody>($"/api/v1/orders/{orderId}/fulfillment", Ct);
        Assert.Equal(("digital_delivery", "completed"), (fulfillment!.Tasks.Single().Type, fulfillment.Tasks.Single().Status));

        // 9. The delivery request for the customer's access waits on DeliveryWorker's queue, once; DeliveryWorker
        //    mails the customer a link to their page and the order completes.
        Assert.Equal(1L, await fixture.DeliveryRequestsAsync(orderId));
        fixture.StartDeliveryWorker();
        var mail = await fixture.Infrastructure.Smtp.WaitForMessageAsync(customer, TimeSpan.FromSeconds(60), Ct);
        var pageToken = PageLink().Match(mail.TextBody ?? string.Empty) is { Success: true } link ? link.Groups[1].Value : throw new InvalidOperationException(mail.TextBody);
        await FulfillmentFixture.WaitForStatusAsync(http, orderId, "completed");

        // 10. The customer downloads with the token: the page lists the file, a file link serves exactly the bytes.
        using var anonymous = fixture.Payments.CreateClient();
        var page = await anonymous.GetFromJsonAsync<CustomerPageBody>($"/api/v1/my/{pageToken}", Ct);
        var file = Assert.Single(page!.Files);
        Assert.Equal(("the-book.epub", 3), (file.FileName, file.DownloadsLeft));
        using var minted = await anonymous.PostAsJsonAsync($"/api/v1/my/{pageToken}/files/{file.Id}/link", new { }, Ct);
        var downloadUrl = (await ExpectAsync(minted, HttpStatusCode.OK)).GetProperty("download_url").GetString()!;
        using var download = await anonymous.GetAsync(new Uri(downloadUrl, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(SHA256.HashData(book), SHA256.HashData(await download.Content.ReadAsByteArrayAsync(Ct)));
        Assert.Equal(1, await fixture.ScalarAsync<int>("SELECT downloads_used FROM download_access WHERE order_id = @id", ("id", orderId)));
    }

    [GeneratedRegex(@"http://shop\.test/my/([A-Za-z0-9_-]{43})")]
    private static partial Regex PageLink();

    private sealed record CustomerPageBody(IReadOnlyList<CustomerFileBody> Files);

    private sealed record CustomerFileBody(Guid Id, [property: JsonPropertyName("file_name")] string FileName, [property: JsonPropertyName("downloads_left")] int? DownloadsLeft);

    private sealed record FileBody(string Status);

    private sealed record FulfillmentBody(IReadOnlyList<TaskBody> Tasks);

    private sealed record TaskBody(string Type, string Status);
}
