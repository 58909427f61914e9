extern alias api;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalDelivery.Tests.Identity;
using static DigitalDelivery.Tests.CustomerAccess.CustomerAccessHttp;
using ProblemTypes = api::DigitalDelivery.Api.Problems.ProblemTypes;
using Scopes = api::DigitalDelivery.Api.Identity.Scopes;

namespace DigitalDelivery.Tests.Deliveries;

/// <summary>Producers' delivery requests through the real Api and DeliveryWorker, to real receivers.</summary>
public sealed class DeliveryRequestTests(DeliveriesFixture fixture) : IClassFixture<DeliveriesFixture>
{
    [Fact]
    public async Task A_request_to_default_reaches_every_subscribed_destination_and_a_resubmission_returns_the_first_deliveries()
    {
        var (admin, tenant) = await fixture.MerchantAsync("default-request");
        var producerClient = await fixture.AddClientAsync(tenant.OrganizationId, Scopes.DeliveriesWrite);
        using var producer = await producerClient.AuthorizedClientAsync(fixture.Factory);
        var everything = await CreateWebhookAsync(admin, "/request-all", ["*"]);
        var ordersOnly = await CreateWebhookAsync(admin, "/request-orders", ["order.*"]);
        var key = $"invoice-{Guid.NewGuid():N}";

        var first = await JsonAsync(await SubmitAsync(producer, "default", key, tags: ["invoices", "eu"]), HttpStatusCode.Accepted);
        var again = await JsonAsync(await SubmitAsync(producer, "default", key, tags: ["invoices", "eu"]), HttpStatusCode.OK);

        var delivery = Assert.Single(first.GetProperty("deliveries").EnumerateArray());
        Assert.Equal(everything, delivery.GetProperty("destination_id").GetGuid());
        Assert.True(again.GetProperty("replayed").GetBoolean());
        Assert.Equal(delivery.GetProperty("id").GetGuid(), Assert.Single(again.GetProperty("deliveries").EnumerateArray()).GetProperty("id").GetGuid());
        var received = await fixture.Receiver.WaitForAsync(r => r.Path == "/request-all", what: "the requested delivery");
        using var payload = JsonDocument.Parse(received.Body);
        Assert.Equal("invoice.created", payload.RootElement.GetProperty("type").GetString());
        Assert.Equal("INV-7", payload.RootElement.GetProperty("data").GetProperty("number").GetString());
        Assert.Equal("storefront", payload.RootElement.GetProperty("metadata").GetProperty("source").GetString());
        var tagged = await GetJsonAsync(admin, "/api/v1/deliveries?tag=eu");
        Assert.Equal(delivery.GetProperty("id").GetGuid(), Assert.Single(tagged.EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Empty(fixture.Receiver.Received("/request-orders"));
        Assert.NotEqual(everything, ordersOnly);
        using var forbidden = await producer.GetAsync(new Uri("/api/v1/deliveries", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Concurrent_submissions_of_one_idempotency_key_create_one_delivery_per_destination()
    {
        var (http, _) = await fixture.MerchantAsync("concurrent-request");
        var one = await CreateWebhookAsync(http, "/concurrent-1", ["*"]);
        var two = await CreateWebhookAsync(http, "/concurrent-2", ["*"]);
        var key = $"concurrent-{Guid.NewGuid():N}";

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await SubmitAsync(http, new[] { one, two }, key);
            Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, response.StatusCode.ToString());
            return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        }));

        var ids = answers.SelectMany(a => a.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("id").GetGuid())).Distinct().ToList();
        Assert.Equal(2, ids.Count);
        Assert.Single(answers.Select(a => a.GetProperty("request_id").GetGuid()).Distinct());
        await fixture.Receiver.WaitForAsync(r => r.Path == "/concurrent-1", what: "the first destination's delivery");
        await fixture.Receiver.WaitForAsync(r => r.Path == "/concurrent-2", what: "the second destination's delivery");
        var stored = await fixture.ScalarAsync<long>("SELECT count(*) FROM deliveries WHERE idempotency_key = @key", ("key", key));
        Assert.Equal(2, stored);
    }

    [Fact]
    public async Task Failed_deliveries_are_replayed_by_destination_since_a_time_and_purged_by_age()
    {
        var (http, _) = await fixture.MerchantAsync("replay-request");
        fixture.Receiver.Script("/replayed", new WebhookReceiver.Answer(410), new WebhookReceiver.Answer(410));
        var destination = await CreateWebhookAsync(http, "/replayed", ["*"]);
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await JsonAsync(await SubmitAsync(http, new[] { destination }, key: null), HttpStatusCode.Accepted);
        await JsonAsync(await SubmitAsync(http, new[] { destination }, key: null), HttpStatusCode.Accepted);
        await WaitForStatusAsync(http, destination, "failed", 2);

        var replayed = await JsonAsync(await http.PostAsJsonAsync("/api/v1/deliveries/replay", new { destination_id = destination, since = before }, Ct), HttpStatusCode.OK);

        Assert.Equal(2, replayed.GetProperty("count").GetInt32());
        await WaitForStatusAsync(http, destination, "delivered", 2);
        fixture.Receiver.Script("/replayed", new WebhookReceiver.Answer(410));
        var failing = await JsonAsync(await SubmitAsync(http, new[] { destination }, key: null), HttpStatusCode.Accepted);
        await WaitForStatusAsync(http, destination, "failed", 1);
        var kept = await JsonAsync(await http.PostAsJsonAsync("/api/v1/deliveries/purge", new { destination_id = destination, failed_before = before }, Ct), HttpStatusCode.OK);
        var purged = await JsonAsync(await http.PostAsJsonAsync("/api/v1/deliveries/purge", new { destination_id = destination, failed_before = DateTimeOffset.UtcNow.AddMinutes(1) }, Ct), HttpStatusCode.OK);
        Assert.Equal(0, kept.GetProperty("count").GetInt32());
        Assert.Equal(1, purged.GetProperty("count").GetInt32());
        using var gone = await http.GetAsync(new Uri($"/api/v1/deliveries/{failing.GetProperty("deliveries")[0].GetProperty("id").GetGuid()}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(2, (await DeliveriesAsync(http, destination)).GetArrayLength());
    }

    [Theory]
    [InlineData("destinations", """{"destinations":"everyone","payload":{"type":"invoice.created","data":{}}}""")]
    [InlineData("destinations", """{"destinations":[],"payload":{"type":"invoice.created","data":{}}}""")]
    [InlineData("destinations", """{"destinations":["00000000-0000-0000-0000-000000000001"],"payload":{"type":"invoice.created","data":{}}}""")]
    [InlineData("payload.type", """{"destinations":"default","payload":{"type":"Invoice Created","data":{}}}""")]
    [InlineData("payload.data", """{"destinations":"default","payload":{"type":"invoice.created","data":[1,2]}}""")]
    [InlineData("options.tags", """{"destinations":"default","payload":{"type":"invoice.created","data":{}},"options":{"tags":["has space"]}}""")]
    [InlineData("payload.files", """{"destinations":"default","payload":{"type":"invoice.created","data":{},"files":["00000000-0000-0000-0000-000000000001"]}}""")]
    public async Task An_invalid_delivery_request_is_a_validation_problem_naming_the_field(string field, string body)
    {
        var (http, _) = await fixture.MerchantAsync("invalid-request");
        await CreateWebhookAsync(http, "/invalid-request", ["*"]);

        using var response = await http.PostAsync(new Uri("/api/v1/deliveries", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, ProblemTypes.Validation);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Only_clean_files_of_the_merchant_are_accepted_and_a_file_found_infected_later_is_never_sent()
    {
        var (http, _) = await fixture.MerchantAsync("request-files");
        var (other, _) = await fixture.MerchantAsync("request-files-other");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Receiver.Script("/request-files", new WebhookReceiver.Answer(500, HoldUntil: release.Task));
        var destination = await CreateWebhookAsync(http, "/request-files", ["*"], maxAttempts: 3);
        var pending = await Catalog.CatalogHttp.UploadAsync(http, "awaiting its scan"u8.ToArray(), "pending.txt");
        var othersFile = await DeliveryFilesHttp.UploadCleanAsync(fixture, other, "not yours"u8.ToArray(), "other.txt");
        var clean = await DeliveryFilesHttp.UploadCleanAsync(fixture, http, "clean"u8.ToArray(), "clean.txt");

        using var refusedPending = await DeliveryFilesHttp.SubmitAsync(http, destination, pending);
        using var refusedOthers = await DeliveryFilesHttp.SubmitAsync(http, destination, othersFile);
        using var tooMany = await DeliveryFilesHttp.SubmitAsync(http, destination, [.. Enumerable.Range(0, 21).Select(_ => Guid.NewGuid())]);
        using var accepted = await DeliveryFilesHttp.SubmitAsync(http, destination, clean);
        // The first attempt is at the receiver (which will answer 500) when a later scan finds the file infected.
        var sent = await fixture.Receiver.WaitForAsync(r => r.Path == "/request-files", what: "the first attempt");
        await fixture.ScalarAsync<Guid>("UPDATE catalog_files SET status = 'infected' WHERE id = @id RETURNING id", ("id", clean));
        release.SetResult();

        foreach (var refused in new[] { refusedPending, refusedOthers, tooMany })
        {
            var problem = await ProblemAssert.IsProblemAsync(refused, ProblemTypes.Validation);
            Assert.True(problem.GetProperty("errors").TryGetProperty("payload.files", out _), problem.ToString());
        }

        var id = (await JsonAsync(accepted, HttpStatusCode.Accepted)).GetProperty("deliveries")[0].GetProperty("id").GetGuid();
        var failed = await DestinationsHttp.WaitForStatusAsync(http, id, "failed");
        Assert.Equal(clean, JsonDocument.Parse(sent.Body).RootElement.GetProperty("files")[0].GetProperty("id").GetGuid());
        Assert.Equal(2, failed.GetProperty("attempt_count").GetInt32());
        Assert.Contains("no longer available", failed.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        Assert.Single(fixture.Receiver.Received("/request-files"));
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient http, object destinations, string? key, string[]? tags = null) =>
        http.PostAsJsonAsync("/api/v1/deliveries", new
        {
            destinations,
            payload = new { type = "invoice.created", data = new { number = "INV-7" }, metadata = new { source = "storefront" } },
            options = new { idempotency_key = key, priority = 5, tags },
        }, Ct);

    private async Task<Guid> CreateWebhookAsync(HttpClient http, string path, string[] events, int maxAttempts = 1)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/destinations", new
        {
            name = path.Trim('/'), type = "webhook", config = new { url = fixture.Receiver.Url(path) }, events, max_attempts = maxAttempts,
        }, Ct);
        return (await JsonAsync(response, HttpStatusCode.Created)).GetProperty("destination").GetProperty("id").GetGuid();
    }

    private static Task<JsonElement> DeliveriesAsync(HttpClient http, Guid destination) =>
        GetJsonAsync(http, $"/api/v1/deliveries?destination_id={destination}");

    private static Task WaitForStatusAsync(HttpClient http, Guid destination, string status, int count) =>
        DigitalDelivery.Tests.Messaging.Support.Eventually.WaitUntilAsync(
            async () => (await DeliveriesAsync(http, destination)).EnumerateArray().Count(d => d.GetProperty("status").GetString() == status) == count,
            TimeSpan.FromSeconds(30), $"{count} deliveries to be {status}");
}
