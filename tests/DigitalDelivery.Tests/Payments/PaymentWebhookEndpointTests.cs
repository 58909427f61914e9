using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalDelivery.Core.Payments.Webhooks;
using Npgsql;

namespace DigitalDelivery.Tests.Payments;

/// <summary>POST /api/v1/payments/webhooks/sandbox over HTTP against the in-process Api and its database.</summary>
public sealed class PaymentWebhookEndpointTests(PaymentApiFixture fixture) : IClassFixture<PaymentApiFixture>
{
    private const string Path = "/api/v1/payments/webhooks/sandbox";
    private const string InvalidSignatureType = "https://digitaldelivery.dev/problems/invalid-signature";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_correctly_signed_event_is_handled_and_recorded()
    {
        var paymentEvent = PaymentEvents.Captured();
        var body = PaymentEvents.Body(paymentEvent);

        using var response = await DeliverAsync(body, PaymentEvents.Sign(body, DateTimeOffset.UtcNow, PaymentApiFixture.WebhookSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.False(receipt.GetProperty("duplicate").GetBoolean());
        Assert.Single(fixture.Events.Handled, e => e.Id == paymentEvent.Id);
        Assert.Equal(1, await CountProcessedAsync(paymentEvent.Id));
    }

    [Fact]
    public async Task A_redelivered_event_is_acknowledged_but_handled_once()
    {
        var paymentEvent = PaymentEvents.Captured();
        var body = PaymentEvents.Body(paymentEvent);

        using var first = await DeliverAsync(body, PaymentEvents.Sign(body, DateTimeOffset.UtcNow, PaymentApiFixture.WebhookSecret));
        using var second = await DeliverAsync(body, PaymentEvents.Sign(body, DateTimeOffset.UtcNow, PaymentApiFixture.WebhookSecret));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True((await second.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("duplicate").GetBoolean());
        Assert.Single(fixture.Events.Handled, e => e.Id == paymentEvent.Id);
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_event_are_handled_once()
    {
        var paymentEvent = PaymentEvents.Captured();
        var body = PaymentEvents.Body(paymentEvent);
        var signature = PaymentEvents.Sign(body, DateTimeOffset.UtcNow, PaymentApiFixture.WebhookSecret);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => DeliverAsync(body, signature)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(fixture.Events.Handled, e => e.Id == paymentEvent.Id);
        Assert.Equal(1, await CountProcessedAsync(paymentEvent.Id));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task An_event_signed_with_the_wrong_secret_is_refused_with_401_and_not_handled()
    {
        var paymentEvent = PaymentEvents.Captured();
        var body = PaymentEvents.Body(paymentEvent);

        using var response = await DeliverAsync(body, PaymentEvents.Sign(body, DateTimeOffset.UtcNow, "whsec_not_the_platforms_secret"));

        await AssertInvalidSignatureAsync(response, "signature_mismatch");
        await AssertNotHandledAsync(paymentEvent);
    }

    [Fact]
    public async Task A_tampered_body_is_refused_with_401_and_not_handled()
    {
        var paymentEvent = PaymentEvents.Captured();
        var signature = PaymentEvents.Sign(PaymentEvents.Body(paymentEvent), DateTimeOffset.UtcNow, PaymentApiFixture.WebhookSecret);
        var tampered = paymentEvent with { Amount = new(1, "EUR") };

        using var response = await DeliverAsync(PaymentEvents.Body(tampered), signature);

        await AssertInvalidSignatureAsync(response, "signature_mismatch");
        await AssertNotHandledAsync(paymentEvent);
    }

    [Fact]
    public async Task A_stale_signature_is_refused_with_401_and_not_handled()
    {
        var paymentEvent = PaymentEvents.Captured();
        var body = PaymentEvents.Body(paymentEvent);

        using var response = await DeliverAsync(body, PaymentEvents.Sign(body, DateTimeOffset.UtcNow.AddSeconds(-301), PaymentApiFixture.WebhookSecret));

        await AssertInvalidSignatureAsync(response, "stale_timestamp");
        await AssertNotHandledAsync(paymentEvent);
    }

    [Fact]
    public async Task A_delivery_without_a_signature_is_refused_with_401_and_not_handled()
    {
        var paymentEvent = PaymentEvents.Captured();

        using var response = await DeliverAsync(PaymentEvents.Body(paymentEvent), signature: null);

        await AssertInvalidSignatureAsync(response, "missing_signature");
        await AssertNotHandledAsync(paymentEvent);
    }

    [Fact]
    public async Task A_correctly_signed_body_that_is_not_an_event_is_refused_with_400()
    {
        var body = PaymentEvents.Utf8("""{"id":"evt_x","type":"payment.captured"}""");

        using var response = await DeliverAsync(body, PaymentEvents.Sign(body, DateTimeOffset.UtcNow, PaymentApiFixture.WebhookSecret));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("https://digitaldelivery.dev/problems/malformed-payment-event", problem.GetProperty("type").GetString());
    }

    private async Task<HttpResponseMessage> DeliverAsync(byte[] body, string? signature)
    {
        using var client = fixture.Api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Path, UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(PaymentWebhookSignature.HeaderName, signature);
        }

        return await client.SendAsync(request, Cancellation);
    }

    private static async Task AssertInvalidSignatureAsync(HttpResponseMessage response, string reason)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(InvalidSignatureType, problem.GetProperty("type").GetString());
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
    }

    private async Task AssertNotHandledAsync(PaymentEvent paymentEvent)
    {
        Assert.DoesNotContain(fixture.Events.Handled, e => e.Id == paymentEvent.Id);
        Assert.Equal(0, await CountProcessedAsync(paymentEvent.Id));
    }

    private async Task<long> CountProcessedAsync(string eventId)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM processed_payment_events WHERE event_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = eventId });
        return (long)(await command.ExecuteScalarAsync(Cancellation))!;
    }
}
