extern alias api;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalDelivery.Tests.Identity;
using StandardWebhooks;
using static DigitalDelivery.Tests.CustomerAccess.CustomerAccessHttp;
using ProblemTypes = api::DigitalDelivery.Api.Problems.ProblemTypes;

namespace DigitalDelivery.Tests.Deliveries;

/// <summary>Webhook destinations end to end: the Api, DeliveryWorker and a real receiver over HTTP.</summary>
public sealed class WebhookDeliveryTests(DeliveriesFixture fixture) : IClassFixture<DeliveriesFixture>
{
    private const string Event = "order.fulfilled";

    [Fact]
    public async Task A_destinations_secret_is_shown_once_and_stored_encrypted()
    {
        var (http, tenant) = await fixture.MerchantAsync("secret-once");

        var created = await CreateAsync(http, "/secret-once");
        var id = created.GetProperty("destination").GetProperty("id").GetGuid();
        var secret = created.GetProperty("signing_secret").GetString()!;

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        var read = await http.GetStringAsync(new Uri($"/api/v1/destinations/{id}", UriKind.Relative), Ct);
        var listed = await http.GetStringAsync(new Uri("/api/v1/destinations", UriKind.Relative), Ct);
        Assert.DoesNotContain(secret[6..], read, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[6..], listed, StringComparison.Ordinal);
        var stored = await fixture.ScalarAsync<string>("SELECT protected_secret FROM delivery_destinations WHERE id = @id", ("id", id));
        Assert.DoesNotContain(secret[6..], stored, StringComparison.Ordinal);
        var other = await fixture.CreateTenantAsync("secret-other");
        using var otherHttp = await other.AuthorizedClientAsync(fixture.Factory);
        using var foreign = await otherHttp.GetAsync(new Uri($"/api/v1/destinations/{id}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.NotEqual(Guid.Empty, tenant.OrganizationId);
    }

    [Theory]
    [InlineData("config.url", """{"name":"x","type":"webhook","config":{"url":"ftp://example.com/hook"},"events":["order.fulfilled"]}""")]
    [InlineData("config.url", """{"name":"x","type":"webhook","config":{"url":"https://user:pw@example.com/"},"events":["order.fulfilled"]}""")]
    [InlineData("config", """{"name":"x","type":"webhook","config":{"url":"https://example.com/","colour":"red"},"events":["order.fulfilled"]}""")]
    [InlineData("config", """{"name":"x","type":"webhook","config":"https://example.com/","events":["order.fulfilled"]}""")]
    [InlineData("config.timeout_seconds", """{"name":"x","type":"webhook","config":{"url":"https://example.com/","timeout_seconds":300},"events":["*"]}""")]
    [InlineData("events", """{"name":"x","type":"webhook","config":{"url":"https://example.com/"},"events":["order.exploded"]}""")]
    [InlineData("type", """{"name":"x","type":"carrier-pigeon","config":{"url":"https://example.com/"},"events":["*"]}""")]
    [InlineData("secret", """{"name":"x","type":"webhook","config":{"url":"https://example.com/"},"events":["*"],"secret":"whsec_c2hvcnQ="}""")]
    [InlineData("config.to", """{"name":"x","type":"email","config":{"to":["not-an-address"]},"events":["*"]}""")]
    [InlineData("secret", """{"name":"x","type":"email","config":{"to":["ops@shop.example"]},"events":["*"],"secret":"hunter2"}""")]
    [InlineData("config.container", """{"name":"x","type":"storage","config":{"provider":"azure_blob","account_url":"https://acct.blob.core.windows.net","account_name":"acct","container":"Bad_Name"},"events":["*"],"secret":"a2V5"}""")]
    [InlineData("secret", """{"name":"x","type":"storage","config":{"provider":"azure_blob","account_url":"https://acct.blob.core.windows.net","account_name":"acct","container":"exports"},"events":["*"]}""")]
    [InlineData("config.path_template", """{"name":"x","type":"storage","config":{"provider":"azure_blob","account_url":"https://acct.blob.core.windows.net","account_name":"acct","container":"exports","path_template":"../{delivery_id}"},"events":["*"],"secret":"a2V5"}""")]
    public async Task An_invalid_destination_is_a_validation_problem_naming_the_field(string field, string body)
    {
        var (http, _) = await fixture.MerchantAsync("invalid-destination");

        using var response = await http.PostAsync(new Uri("/api/v1/destinations", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAssert.IsProblemAsync(response, ProblemTypes.Validation);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task An_event_reaches_only_subscribed_destinations_signed_so_the_official_library_verifies_it()
    {
        var (http, tenant) = await fixture.MerchantAsync("signed");
        var secret = (await CreateAsync(http, "/signed", events: ["order.*"])).GetProperty("signing_secret").GetString()!;
        await CreateAsync(http, "/not-subscribed", events: ["entitlement.revoked"]);

        await fixture.PublishAsync(tenant.OrganizationId, Event, new { order_id = "o-1" });

        var received = await fixture.Receiver.WaitForAsync(r => r.Path == "/signed", what: "the signed webhook");
        new StandardWebhook(secret).Verify(received.Body, received.Headers);
        using var payload = JsonDocument.Parse(received.Body);
        Assert.Equal(Event, payload.RootElement.GetProperty("type").GetString());
        Assert.Equal("o-1", payload.RootElement.GetProperty("data").GetProperty("order_id").GetString());
        var tampered = received.Body.Replace("o-1", "o-2", StringComparison.Ordinal);
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => new StandardWebhook(secret).Verify(tampered, received.Headers));
        var delivery = await WaitForDeliveryAsync(http, "/signed", "delivered");
        Assert.Equal(received.Headers["webhook-id"].ToString(), delivery.GetProperty("id").GetString());
        Assert.Empty(fixture.Receiver.Received("/not-subscribed"));
    }

    [Fact]
    public async Task A_slow_destination_does_not_hold_up_another_destinations_delivery()
    {
        var (http, tenant) = await fixture.MerchantAsync("slow-and-fast");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Receiver.Script("/slow", new WebhookReceiver.Answer(200, HoldUntil: release.Task));
        await CreateAsync(http, "/slow");
        await CreateAsync(http, "/fast");

        await fixture.PublishAsync(tenant.OrganizationId, Event, new { order_id = "slow-1" });
        await fixture.Receiver.WaitForAsync(r => r.Path == "/slow", what: "the slow destination's call");
        await WaitForDeliveryAsync(http, "/fast", "delivered");

        // The slow receiver still has its first call open (no attempt recorded, not even a timeout) while the other
        // destination's delivery is done: a serial engine would have timed the slow call out first.
        var slow = await DeliveryAsync(http, "/slow");
        Assert.Equal(("pending", 0), (slow.GetProperty("status").GetString(), slow.GetProperty("attempt_count").GetInt32()));
        release.SetResult();
        await WaitForDeliveryAsync(http, "/slow", "delivered");
    }

    [Fact]
    public async Task A_webhook_answering_500_twice_is_retried_and_delivered_with_every_attempt_recorded()
    {
        var (http, tenant) = await fixture.MerchantAsync("flaky");
        fixture.Receiver.Script("/flaky", new WebhookReceiver.Answer(500), new WebhookReceiver.Answer(503));
        await CreateAsync(http, "/flaky");

        await fixture.PublishAsync(tenant.OrganizationId, Event, new { n = 1 });

        var delivery = await WaitForDeliveryAsync(http, "/flaky", "delivered");
        var attempts = delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("response_status").GetInt32()).ToList();
        Assert.True(attempts.SequenceEqual([500, 503, 200]), delivery.ToString() + " calls: " + string.Join(",", fixture.Receiver.Received("/flaky").Select(c => c.At.ToString("O"))));
        var calls = fixture.Receiver.Received("/flaky");
        Assert.Equal(3, calls.Count);
        Assert.Single(calls.Select(r => r.Headers["webhook-id"].ToString()).Distinct());
    }

    [Fact]
    public async Task A_permanent_refusal_fails_at_once_and_a_manual_retry_delivers_it()
    {
        var (http, tenant) = await fixture.MerchantAsync("gone");
        fixture.Receiver.Script("/gone", new WebhookReceiver.Answer(410));
        await CreateAsync(http, "/gone");

        await fixture.PublishAsync(tenant.OrganizationId, Event, new { n = 2 });
        var failed = await WaitForDeliveryAsync(http, "/gone", "failed");

        Assert.Equal(1, failed.GetProperty("attempt_count").GetInt32());
        Assert.Equal("HTTP 410", failed.GetProperty("last_error").GetString());
        var id = failed.GetProperty("id").GetGuid();
        using var retried = await http.PostAsync(new Uri($"/api/v1/deliveries/{id}/retry", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        var delivered = await WaitForDeliveryAsync(http, "/gone", "delivered");
        Assert.Equal(2, delivered.GetProperty("attempt_count").GetInt32());
        using var again = await http.PostAsync(new Uri($"/api/v1/deliveries/{id}/retry", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Retry_After_is_honoured_before_the_next_attempt()
    {
        var (http, tenant) = await fixture.MerchantAsync("busy");
        fixture.Receiver.Script("/busy", new WebhookReceiver.Answer(429, TimeSpan.FromSeconds(1)));
        await CreateAsync(http, "/busy");

        await fixture.PublishAsync(tenant.OrganizationId, Event, new { n = 3 });

        await WaitForDeliveryAsync(http, "/busy", "delivered");
        var calls = fixture.Receiver.Received("/busy");
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(0.9), $"retried after {(calls[1].At - calls[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_broken_destination_opens_its_breaker_and_does_not_hold_up_a_healthy_one()
    {
        var (http, tenant) = await fixture.MerchantAsync("breaker");
        fixture.Receiver.Script("/broken", [.. Enumerable.Repeat(new WebhookReceiver.Answer(500), 50)]);
        var broken = (await CreateAsync(http, "/broken", maxAttempts: 20)).GetProperty("destination").GetProperty("id").GetGuid();
        await CreateAsync(http, "/healthy");

        await fixture.PublishAsync(tenant.OrganizationId, Event, new { n = 4 });

        await WaitForDeliveryAsync(http, "/healthy", "delivered");
        await Eventually(async () => (await GetJsonAsync(http, $"/api/v1/destinations/{broken}")).GetProperty("breaker_open_until").ValueKind == JsonValueKind.String,
            "the broken destination's breaker to open");
        var destination = await GetJsonAsync(http, $"/api/v1/destinations/{broken}");
        Assert.True(destination.GetProperty("consecutive_failures").GetInt32() >= DeliveriesFixture.BreakerThreshold);
        var pending = await DeliveryAsync(http, "/broken");
        Assert.Equal("pending", pending.GetProperty("status").GetString());
        Assert.Equal(DeliveriesFixture.BreakerThreshold, fixture.Receiver.Received("/broken").Count);
    }

    [Fact]
    public async Task The_connection_test_makes_a_real_call_and_says_what_failed()
    {
        var (http, _) = await fixture.MerchantAsync("connection-test");
        fixture.Receiver.Script("/test-refuses", new WebhookReceiver.Answer(403));
        var ok = (await CreateAsync(http, "/test-ok")).GetProperty("destination").GetProperty("id").GetGuid();
        var refuses = (await CreateAsync(http, "/test-refuses")).GetProperty("destination").GetProperty("id").GetGuid();

        var passed = await JsonAsync(await http.PostAsync(new Uri($"/api/v1/destinations/{ok}/test", UriKind.Relative), null, Ct), HttpStatusCode.OK);
        var failed = await JsonAsync(await http.PostAsync(new Uri($"/api/v1/destinations/{refuses}/test", UriKind.Relative), null, Ct), HttpStatusCode.OK);

        Assert.True(passed.GetProperty("succeeded").GetBoolean());
        Assert.False(failed.GetProperty("succeeded").GetBoolean());
        Assert.Equal(403, failed.GetProperty("response_status").GetInt32());
        Assert.Single(fixture.Receiver.Received("/test-ok"));
    }

    private async Task<JsonElement> CreateAsync(HttpClient http, string path, string[]? events = null, int? maxAttempts = null)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/destinations", new
        {
            name = path.Trim('/'), type = "webhook", config = new { url = fixture.Receiver.Url(path) }, events = events ?? [Event], max_attempts = maxAttempts,
        }, Ct);
        return await JsonAsync(response, HttpStatusCode.Created);
    }

    /// <summary>The one delivery of the tenant to <paramref name="path"/>, read with its attempts.</summary>
    private async Task<JsonElement> DeliveryAsync(HttpClient http, string path)
    {
        var deliveries = await DeliveriesToAsync(http, path);
        var id = Assert.Single(deliveries.EnumerateArray()).GetProperty("id").GetGuid();
        return await GetJsonAsync(http, $"/api/v1/deliveries/{id}");
    }

    private async Task<JsonElement> DeliveriesToAsync(HttpClient http, string path)
    {
        var destinations = await GetJsonAsync(http, "/api/v1/destinations");
        var destination = destinations.EnumerateArray().Single(d => d.GetProperty("config").GetProperty("url").GetString() == fixture.Receiver.Url(path)).GetProperty("id").GetGuid();
        return await GetJsonAsync(http, $"/api/v1/deliveries?destination_id={destination}");
    }

    private async Task<JsonElement> WaitForDeliveryAsync(HttpClient http, string path, string status)
    {
        JsonElement delivery = default;
        await Eventually(async () =>
        {
            var deliveries = await DeliveriesToAsync(http, path);
            if (deliveries.GetArrayLength() != 1)
            {
                return false;
            }

            delivery = await GetJsonAsync(http, $"/api/v1/deliveries/{deliveries[0].GetProperty("id").GetGuid()}");
            return delivery.GetProperty("status").GetString() == status;
        }, $"the delivery to {path} to be {status}");
        return delivery;
    }

    private static Task Eventually(Func<Task<bool>> condition, string what) =>
        DigitalDelivery.Tests.Messaging.Support.Eventually.WaitUntilAsync(condition, TimeSpan.FromSeconds(30), what);
}
