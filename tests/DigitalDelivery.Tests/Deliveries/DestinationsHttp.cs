extern alias api;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalDelivery.Tests.Identity;
using static DigitalDelivery.Tests.CustomerAccess.CustomerAccessHttp;
using ProblemTypes = api::DigitalDelivery.Api.Problems.ProblemTypes;

namespace DigitalDelivery.Tests.Deliveries;

/// <summary>
/// What the tests of every non-webhook destination type do through the Api: make a merchant, create a destination,
/// wait for its one delivery to reach a status, run the connection test, and read a delivery's stored payload.
/// </summary>
internal static class DestinationsHttp
{
    public const string Event = "order.fulfilled";

    public static async Task<(HttpClient Http, Guid OrganizationId)> MerchantAsync(DeliveriesFixture fixture, string name)
    {
        TestTenant tenant = await fixture.CreateTenantAsync(name);
        return (await tenant.AuthorizedClientAsync(fixture.Factory), tenant.OrganizationId);
    }

    /// <summary>Creates a destination subscribed to <see cref="Event"/>; returns its id.</summary>
    public static async Task<Guid> CreateAsync(HttpClient http, string type, object config, string secret, int? maxAttempts = null)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/destinations", new
        {
            name = $"{type}-{Guid.NewGuid():N}", type, config, events = new[] { Event }, secret, max_attempts = maxAttempts,
        }, Ct);
        var created = await JsonAsync(response, HttpStatusCode.Created);
        return created.GetProperty("destination").GetProperty("id").GetGuid();
    }

    /// <summary>Publishes one event for the merchant and waits for the destination's delivery of it to reach <paramref name="status"/>.</summary>
    public static async Task<JsonElement> PublishAndWaitAsync(DeliveriesFixture fixture, (HttpClient Http, Guid OrganizationId) merchant, Guid destination, string status)
    {
        var http = merchant.Http;
        await fixture.PublishAsync(merchant.OrganizationId, Event, new { order_id = $"o-{Guid.NewGuid():N}", note = "Grüße, ünïcode & \"quotes\"" });
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var deliveries = await GetJsonAsync(http, $"/api/v1/deliveries?destination_id={destination}");
            if (deliveries.GetArrayLength() == 1)
            {
                return await WaitForStatusAsync(http, deliveries[0].GetProperty("id").GetGuid(), status);
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"No delivery to {destination} was made in time.");
            await Task.Delay(TimeSpan.FromMilliseconds(20), Ct);
        }
    }

    /// <summary>Polls one delivery (with its attempts) until it reaches <paramref name="status"/>.</summary>
    public static async Task<JsonElement> WaitForStatusAsync(HttpClient http, Guid delivery, string status)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var current = await GetJsonAsync(http, $"/api/v1/deliveries/{delivery}");
            if (current.GetProperty("status").GetString() == status)
            {
                return current;
            }

            // The last state seen says why (still retrying, failed for another reason) better than a bare timeout.
            Assert.True(DateTimeOffset.UtcNow < deadline, $"The delivery {delivery} did not become {status} in time; last seen: {current}");
            await Task.Delay(TimeSpan.FromMilliseconds(20), Ct);
        }
    }

    public static async Task<JsonElement> TestConnectionAsync(HttpClient http, Guid destination) =>
        await JsonAsync(await http.PostAsync(new Uri($"/api/v1/destinations/{destination}/test", UriKind.Relative), null, Ct), HttpStatusCode.OK);

    /// <summary>The payload exactly as stored, which is what the peer must hold byte for byte.</summary>
    public static async Task<byte[]> PayloadAsync(DeliveriesFixture fixture, JsonElement delivery)
    {
        var payload = await fixture.ScalarAsync<string>("SELECT payload FROM deliveries WHERE id = @id", ("id", delivery.GetProperty("id").GetGuid()));
        return System.Text.Encoding.UTF8.GetBytes(payload!);
    }

    /// <summary>Everything the Api shows about the destination, which must never include <paramref name="secret"/>.</summary>
    public static async Task AssertSecretNeverShownAsync(HttpClient http, Guid destination, string secret)
    {
        var read = await http.GetStringAsync(new Uri($"/api/v1/destinations/{destination}", UriKind.Relative), Ct);
        var listed = await http.GetStringAsync(new Uri("/api/v1/destinations", UriKind.Relative), Ct);
        foreach (var line in secret.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.Length >= 6 && !l.StartsWith("-----", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(line, read, StringComparison.Ordinal);
            Assert.DoesNotContain(line, listed, StringComparison.Ordinal);
        }
    }

    public static async Task<JsonElement> PostInvalidAsync(HttpClient http, string body)
    {
        using var response = await http.PostAsync(new Uri("/api/v1/destinations", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return await ProblemAssert.IsProblemAsync(response, ProblemTypes.Validation);
    }
}
