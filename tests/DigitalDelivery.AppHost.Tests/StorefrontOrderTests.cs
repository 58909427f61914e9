using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using MimeKit;

namespace DigitalDelivery.AppHost.Tests;

/// <summary>
/// A storefront's order through the running services the AppHost started: upload, product, order, card payment,
/// fulfilment by Worker, the access mail from DeliveryWorker in the SMTP sink, the customer's download; then the
/// order's trace in the dashboard, with spans from the Api, Worker and DeliveryWorker.
/// </summary>
[Collection(RunningAppHost.Name)]
public sealed partial class StorefrontOrderTests(AppHostFixture fixture)
{
    private const string ApprovedCard = "4242424242424242";
    private static readonly string[] EmailOnly = ["email"];
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_order_is_paid_fulfilled_mailed_downloaded_and_traced_across_the_three_services()
    {
        using var http = await fixture.MerchantClientAsync(Ct);

        // The merchant's file, scanned clean by Worker through clamd.
        var book = RandomNumberGenerator.GetBytes(128 * 1024);
        using var upload = new ByteArrayContent(book);
        upload.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var uploadRequest = new HttpRequestMessage(HttpMethod.Post, "/api/v1/files") { Content = upload };
        uploadRequest.Headers.Add("X-File-Name", "apphost-book.epub");
        var fileId = (await ExpectAsync(await http.SendAsync(uploadRequest, Ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await WaitUntilAsync(async () => (await GetJsonAsync(http, $"/api/v1/files/{fileId}")).GetProperty("status").GetString() == "clean",
            "the upload to be scanned clean");

        // The product, sold with that file and fulfilled on payment.
        var sku = $"AH-{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        var productId = (await ExpectAsync(await http.PostAsJsonAsync("/api/v1/products",
            new { sku, name = "AppHost book", type = "download", price_minor = 1999, currency = "EUR" }, Ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await ExpectAsync(await http.PostAsJsonAsync($"/api/v1/products/{productId}/assets",
            new { file_id = fileId, max_downloads = 3, expires_after_days = 14 }, Ct), HttpStatusCode.Created);
        await ExpectAsync(await SendAsync(http, HttpMethod.Put, $"/api/v1/products/{productId}/delivery-config",
            new { auto_fulfill_on_payment = true, destinations = EmailOnly }, "\"0\""), HttpStatusCode.OK);
        await ExpectAsync(await SendAsync(http, HttpMethod.Patch, $"/api/v1/products/{productId}", new { status = "active" }, "\"1\""), HttpStatusCode.OK);

        // The storefront's order and the customer's card.
        var customer = $"apphost-{Guid.NewGuid():N}@example.com";
        using var orderRequest = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Content = JsonContent.Create(new { customer_email = customer, customer_name = "Ada Apphost", lines = new[] { new { product_id = productId, quantity = 1 } } }),
        };
        orderRequest.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var orderId = (await ExpectAsync(await http.SendAsync(orderRequest, Ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await ExpectAsync(await http.PostAsJsonAsync($"/api/v1/orders/{orderId}/payment", new { card_number = ApprovedCard }, Ct), HttpStatusCode.Accepted);

        // Paid, fulfilled by Worker, and completed once DeliveryWorker has mailed the customer's page link.
        await WaitUntilAsync(async () => (await GetJsonAsync(http, $"/api/v1/orders/{orderId}")).GetProperty("status").GetString() == "completed",
            $"order {orderId} to complete");
        var mail = await WaitForMailAsync(customer);
        var pageToken = PageLink().Match(mail.TextBody ?? "") is { Success: true } link
            ? link.Groups[1].Value
            : throw new InvalidOperationException("No page link in the mail: " + mail.TextBody);

        // The customer's download, through the running Api: exactly the uploaded bytes.
        using var anonymous = fixture.App.CreateHttpClient("api", "http");
        var page = await GetJsonAsync(anonymous, $"/api/v1/my/{pageToken}");
        var file = Assert.Single(page.GetProperty("files").EnumerateArray().ToArray());
        var downloadUrl = (await ExpectAsync(await anonymous.PostAsJsonAsync(
            $"/api/v1/my/{pageToken}/files/{file.GetProperty("id").GetGuid()}/link", new { }, Ct), HttpStatusCode.OK)).GetProperty("download_url").GetString()!;
        var downloaded = await anonymous.GetByteArrayAsync(new Uri(downloadUrl, UriKind.RelativeOrAbsolute), Ct);
        Assert.Equal(SHA256.HashData(book), SHA256.HashData(downloaded));

        // The trace that carried the payment to the mail: spans of all three services, in the dashboard.
        using var dashboard = fixture.DashboardClient();
        var services = await WaitForTraceServicesAsync(dashboard, orderId);
        Assert.Superset(new HashSet<string> { "api", "worker", "deliveryworker" }, services);
    }

    // The trace in which DeliveryWorker handled the order (its span carries digitaldelivery.order.id); the services
    // export in batches, so the spans of one trace arrive within seconds of each other.
    private static async Task<HashSet<string>> WaitForTraceServicesAsync(HttpClient dashboard, Guid orderId)
    {
        var seen = new HashSet<string>();
        await WaitUntilAsync(async () =>
        {
            var traces = await GetJsonAsync(dashboard, "/api/telemetry/traces?resource=deliveryworker&limit=10000");
            var traceIds = Spans(traces)
                .Where(span => span.Span.GetRawText().Contains(orderId.ToString(), StringComparison.Ordinal))
                .Select(span => span.Span.GetProperty("traceId").GetString()!)
                .Distinct();
            foreach (var traceId in traceIds)
            {
                var trace = await GetJsonAsync(dashboard, $"/api/telemetry/traces/{traceId}");
                var services = Spans(trace).Select(span => span.Service).ToHashSet();
                if (services.IsSupersetOf(["api", "worker", "deliveryworker"]))
                {
                    seen = services;
                    return true;
                }

                seen.UnionWith(services);
            }

            return false;
        }, () => $"a trace of order {orderId} with spans of api, worker and deliveryworker (services seen: {string.Join(", ", seen)})");
        return seen;
    }

    private static IEnumerable<(string Service, JsonElement Span)> Spans(JsonElement response)
    {
        foreach (var resourceSpans in response.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
        {
            var service = resourceSpans.GetProperty("resource").GetProperty("attributes").EnumerateArray()
                .Where(a => a.GetProperty("key").GetString() == "service.name")
                .Select(a => a.GetProperty("value").GetProperty("stringValue").GetString())
                .FirstOrDefault() ?? "";
            foreach (var scope in resourceSpans.GetProperty("scopeSpans").EnumerateArray())
            {
                foreach (var span in scope.GetProperty("spans").EnumerateArray())
                {
                    yield return (service, span);
                }
            }
        }
    }

    private async Task<MimeMessage> WaitForMailAsync(string recipient)
    {
        MimeMessage? found = null;
        await WaitUntilAsync(() =>
        {
            found = Directory.Exists(fixture.MailDirectory)
                ? Directory.EnumerateFiles(fixture.MailDirectory)
                    .Select(path => MimeMessage.Load(path))
                    .FirstOrDefault(message => message.To.Mailboxes.Any(to => to.Address == recipient))
                : null;
            return Task.FromResult(found is not null);
        }, $"the access mail to {recipient}");
        return found!;
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition, string what) => WaitUntilAsync(condition, () => what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> what)
    {
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < FlowTimeout)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or IOException or KeyNotFoundException)
            {
                last = e;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), Ct);
        }

        throw new TimeoutException($"Timed out after {FlowTimeout} waiting for {what()}.", last);
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path) =>
        await ExpectAsync(await http.GetAsync(new Uri(path, UriKind.Relative), Ct), HttpStatusCode.OK);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, object body, string ifMatch)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await http.SendAsync(request, Ct);
    }

    private static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode}: {text}");
            using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
            return document.RootElement.Clone();
        }
    }

    [GeneratedRegex(@"/my/([A-Za-z0-9_-]{43})")]
    private static partial Regex PageLink();
}
