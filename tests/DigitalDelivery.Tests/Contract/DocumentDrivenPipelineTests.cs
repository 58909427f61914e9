using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using DigitalDelivery.Tests.Fulfillment;
using DigitalDelivery.Tests.Messaging.Support;

namespace DigitalDelivery.Tests.Contract;

/// <summary>
/// The merchant's pipeline, from upload to the customer's download, driven only through what /openapi/v1.json says:
/// if an operation, a parameter, a body format or a status were missing from the document, this would fail.
/// </summary>
public sealed partial class DocumentDrivenPipelineTests(FulfillmentFixture fixture) : IClassFixture<FulfillmentFixture>
{
    private static readonly string[] EmailOnly = ["email"];

    [Fact]
    public async Task A_client_that_knows_only_the_OpenAPI_document_sells_and_delivers_a_file()
    {
        var tenant = await fixture.CreateMerchantAsync("document-client");
        using var http = fixture.Payments.CreateClient();
        var document = await OpenApiOperations.ReadDocumentAsync(fixture.Payments);
        var api = new DocumentClient(http, document, await OpenApiOperations.ReadAsync(fixture.Payments));
        await api.AuthenticateAsync(tenant.ClientId, tenant.ClientSecret);

        var book = RandomNumberGenerator.GetBytes(64 * 1024);
        var (uploaded, file, _) = await api.UploadAsync("postFiles", book, "handbook.pdf");
        Assert.Equal(HttpStatusCode.Created, uploaded);
        var fileId = file.GetProperty("id").GetString()!;
        await Eventually.WaitUntilAsync(
            async () => (await api.CallAsync("getFilesById", parameters: Id(fileId))).Body.GetProperty("status").GetString() == "clean",
            TimeSpan.FromSeconds(60), "the upload to be scanned clean");

        var (created, product, _) = await api.CallAsync("postProducts", new
        {
            sku = $"DOC-{Guid.NewGuid():N}"[..20], name = "The Handbook", type = "download", price_minor = 1500, currency = "EUR",
        });
        Assert.Equal(HttpStatusCode.Created, created);
        var productId = product.GetProperty("id").GetString()!;
        var (attached, _, _) = await api.CallAsync("postProductsByIdAssets", new { file_id = fileId, max_downloads = 2 }, Id(productId));
        Assert.Equal(HttpStatusCode.Created, attached);
        var (configured, _, _) = await api.CallAsync("putProductsByIdDeliveryConfig",
            new { auto_fulfill_on_payment = true, destinations = EmailOnly }, Id(productId, ("If-Match", "*")));
        Assert.Equal(HttpStatusCode.OK, configured);
        var (activated, _, _) = await api.CallAsync("patchProductsById", new { status = "active" }, Id(productId, ("If-Match", "*")));
        Assert.Equal(HttpStatusCode.OK, activated);

        var customer = $"doc-{Guid.NewGuid():N}@example.com";
        var (ordered, order, _) = await api.CallAsync("postOrders",
            new { customer_email = customer, customer_name = "Dee Reader", lines = new[] { new { product_id = productId, quantity = 1 } } },
            new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() });
        Assert.Equal(HttpStatusCode.Created, ordered);
        var orderId = order.GetProperty("id").GetString()!;
        var (paid, _, _) = await api.CallAsync("postOrdersByIdPayment", new { card_number = FulfillmentFixture.ApprovedCard }, Id(orderId));
        Assert.Equal(HttpStatusCode.Accepted, paid);
        await Eventually.WaitUntilAsync(
            async () => (await api.CallAsync("getOrdersById", parameters: Id(orderId))).Body.GetProperty("status").GetString() == "fulfilled",
            TimeSpan.FromSeconds(60), "the order to be fulfilled");

        fixture.StartDeliveryWorker();
        var mail = await fixture.Infrastructure.Smtp.WaitForMessageAsync(customer, TimeSpan.FromSeconds(60), Ct);
        var pageToken = PageLink().Match(mail.TextBody ?? string.Empty) is { Success: true } link ? link.Groups[1].Value : throw new InvalidOperationException(mail.TextBody);
        api.AccessToken = null;
        var (shown, page, _) = await api.CallAsync("getMyByOrderToken", parameters: new Dictionary<string, string> { ["orderToken"] = pageToken });
        Assert.Equal(HttpStatusCode.OK, shown);
        var entry = Assert.Single(page.GetProperty("files").EnumerateArray());
        var (minted, downloadLink, _) = await api.CallAsync("postMyByOrderTokenFilesByIdLink", null,
            new Dictionary<string, string> { ["orderToken"] = pageToken, ["id"] = entry.GetProperty("id").GetString()! });
        Assert.Equal(HttpStatusCode.OK, minted);
        var downloadToken = downloadLink.GetProperty("download_url").GetString()!.Split('/')[^1];
        using var download = await http.GetAsync(new Uri($"/api/v1/downloads/{downloadToken}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(SHA256.HashData(book), SHA256.HashData(await download.Content.ReadAsByteArrayAsync(Ct)));
    }

    private static Dictionary<string, string> Id(string id, params (string Name, string Value)[] more)
    {
        var parameters = new Dictionary<string, string> { ["id"] = id };
        foreach (var (name, value) in more)
        {
            parameters[name] = value;
        }

        return parameters;
    }

    [GeneratedRegex(@"http://shop\.test/my/([A-Za-z0-9_-]{43})")]
    private static partial Regex PageLink();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
