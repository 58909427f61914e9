using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalDelivery.Tests.Identity;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using static DigitalDelivery.Tests.CustomerAccess.CustomerAccessHttp;

namespace DigitalDelivery.Tests.Deliveries;

/// <summary>Signing through a secret rotation, and the breaker's half-open trials, against a real receiver.</summary>
public sealed class SecretRotationAndBreakerTests(DeliveriesFixture fixture) : IClassFixture<DeliveriesFixture>
{
    private const string Event = "order.fulfilled";

    [Fact]
    public async Task After_a_rotation_both_secrets_verify_until_the_previous_one_is_dropped()
    {
        var (http, tenant) = await fixture.MerchantAsync("rotation");
        var created = await CreateAsync(http, "/rotation");
        var id = created.GetProperty("destination").GetProperty("id").GetGuid();
        var old = created.GetProperty("signing_secret").GetString()!;

        var rotated = await JsonAsync(await http.PostAsync(new Uri($"/api/v1/destinations/{id}/secret", UriKind.Relative), null, Ct), HttpStatusCode.OK);
        var current = rotated.GetProperty("signing_secret").GetString()!;
        await fixture.PublishAsync(tenant.OrganizationId, Event, new { order_id = "rotation-1" });
        var during = await fixture.Receiver.WaitForAsync(r => r.Path == "/rotation" && r.Body.Contains("rotation-1", StringComparison.Ordinal), what: "the webhook during rotation");

        Assert.NotEqual(old, current);
        var signatures = during.Headers["webhook-signature"].ToString().Split(' ');
        Assert.Equal(2, signatures.Length);
        // The StandardWebhooks package checks only the first signature of the header, so each is verified alone:
        // the current secret's first, the previous one's second.
        new StandardWebhook(current).Verify(during.Body, WithSignature(during.Headers, signatures[0]));
        new StandardWebhook(old).Verify(during.Body, WithSignature(during.Headers, signatures[1]));
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => new StandardWebhook(old).Verify(during.Body, WithSignature(during.Headers, signatures[0])));
        Assert.True(rotated.GetProperty("destination").TryGetProperty("previous_secret_expires_at", out var expires) && expires.ValueKind == JsonValueKind.String);

        var final = await JsonAsync(await http.PostAsync(new Uri($"/api/v1/destinations/{id}/secret?previous_valid_hours=0", UriKind.Relative), null, Ct), HttpStatusCode.OK);
        var newest = final.GetProperty("signing_secret").GetString()!;
        await fixture.PublishAsync(tenant.OrganizationId, Event, new { order_id = "rotation-2" });
        var after = await fixture.Receiver.WaitForAsync(r => r.Path == "/rotation" && r.Body.Contains("rotation-2", StringComparison.Ordinal), what: "the webhook after rotation");

        new StandardWebhook(newest).Verify(after.Body, after.Headers);
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => new StandardWebhook(current).Verify(after.Body, after.Headers));
    }

    [Fact]
    public async Task A_half_open_breaker_closes_after_three_successes_and_one_failure_opens_it_again()
    {
        var (http, tenant) = await fixture.MerchantAsync("half-open");
        var id = (await CreateAsync(http, "/half-open")).GetProperty("destination").GetProperty("id").GetGuid();
        // The open period has passed (the breaker opened DeliveriesFixture.BreakerThreshold failures ago).
        await ForceHalfOpenAsync(id);
        Assert.Equal("half_open", await BreakerStateAsync(http, id));

        await DeliverAsync(tenant, "half-open-1");
        await DeliverAsync(tenant, "half-open-2");
        Assert.Equal("half_open", await BreakerStateAsync(http, id));
        await DeliverAsync(tenant, "half-open-3");
        Assert.Equal("closed", await BreakerStateAsync(http, id));

        await ForceHalfOpenAsync(id);
        fixture.Receiver.Script("/half-open", new WebhookReceiver.Answer(503));
        await fixture.PublishAsync(tenant.OrganizationId, Event, new { order_id = "half-open-fails" });
        await DigitalDelivery.Tests.Messaging.Support.Eventually.WaitUntilAsync(
            async () => await BreakerStateAsync(http, id) == "open", TimeSpan.FromSeconds(30), "the breaker to open again");
    }

    private static HeaderDictionary WithSignature(IHeaderDictionary headers, string signature) => new()
    {
        ["webhook-id"] = headers["webhook-id"],
        ["webhook-timestamp"] = headers["webhook-timestamp"],
        ["webhook-signature"] = signature,
    };

    private Task<int> ForceHalfOpenAsync(Guid destination) => fixture.ScalarAsync<int>(
        "UPDATE delivery_destinations SET consecutive_failures = @failures, breaker_open_until = now() - interval '1 second', half_open_successes = 0 WHERE id = @id RETURNING 1",
        ("failures", DeliveriesFixture.BreakerThreshold), ("id", destination));

    private async Task DeliverAsync(TestTenant tenant, string orderId)
    {
        await fixture.PublishAsync(tenant.OrganizationId, Event, new { order_id = orderId });
        await fixture.Receiver.WaitForAsync(r => r.Path == "/half-open" && r.Body.Contains(orderId, StringComparison.Ordinal), what: orderId);
        // The receiver has answered; the attempt's outcome commits right after.
        await DigitalDelivery.Tests.Messaging.Support.Eventually.WaitUntilAsync(
            async () => await fixture.ScalarAsync<long>(
                "SELECT count(*) FROM deliveries WHERE organization_id = @org AND status = 'delivered' AND payload LIKE @needle",
                ("org", tenant.OrganizationId), ("needle", $"%{orderId}%")) == 1,
            TimeSpan.FromSeconds(30), $"{orderId} to be recorded");
    }

    private static async Task<string> BreakerStateAsync(HttpClient http, Guid id) =>
        (await GetJsonAsync(http, $"/api/v1/destinations/{id}")).GetProperty("breaker_state").GetString()!;

    private async Task<JsonElement> CreateAsync(HttpClient http, string path)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/destinations", new
        {
            name = path.Trim('/'), type = "webhook", config = new { url = fixture.Receiver.Url(path) }, events = new[] { Event },
        }, Ct);
        return await JsonAsync(response, HttpStatusCode.Created);
    }
}
