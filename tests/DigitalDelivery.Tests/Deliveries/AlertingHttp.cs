extern alias deliveryworker;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using deliveryworker::DigitalDelivery.DeliveryWorker.Alerting;
using DigitalDelivery.Tests.Messaging.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static DigitalDelivery.Tests.CustomerAccess.CustomerAccessHttp;

namespace DigitalDelivery.Tests.Deliveries;

/// <summary>
/// What the health and alerting tests share: webhook destinations on the fixture's receiver, one alert check of an
/// organization on a test's own clock (DeliveryWorker's evaluator with a FakeTimeProvider), and the alerts a receiver
/// path was sent.
/// </summary>
internal static class AlertingHttp
{
    public const string Event = "order.fulfilled";

    /// <summary>A webhook destination on <paramref name="path"/>; returns its id.</summary>
    public static async Task<Guid> CreateWebhookAsync(DeliveriesFixture fixture, HttpClient http, string path, string[] events, int? maxAttempts = null)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/destinations", new
        {
            name = path.Trim('/'), type = "webhook", config = new { url = fixture.Receiver.Url(path) }, events, max_attempts = maxAttempts,
        }, Ct);
        return (await JsonAsync(response, HttpStatusCode.Created)).GetProperty("destination").GetProperty("id").GetGuid();
    }

    /// <summary>One check of the organization's rules as DeliveryWorker's monitor makes it, at <paramref name="clock"/>'s time.</summary>
    public static async Task<AlertCheck> CheckAsync(DeliveriesFixture fixture, Guid organizationId, FakeTimeProvider clock)
    {
        await using var scope = fixture.DeliveryWorkerServices.CreateAsyncScope();
        var evaluator = ActivatorUtilities.CreateInstance<AlertEvaluator>(scope.ServiceProvider, (TimeProvider)clock);
        return await evaluator.CheckAsync(organizationId, Ct);
    }

    /// <summary>Publishes one event and waits until the destination has <paramref name="count"/> deliveries in <paramref name="status"/>.</summary>
    public static async Task PublishAndWaitAsync(DeliveriesFixture fixture, HttpClient http, Guid organizationId, Guid destination, string status, int count)
    {
        await fixture.PublishAsync(organizationId, Event, new { order_id = $"o-{Guid.NewGuid():N}" });
        await Eventually.WaitUntilAsync(
            async () => (await GetJsonAsync(http, $"/api/v1/deliveries?destination_id={destination}&status={status}")).GetArrayLength() == count,
            TimeSpan.FromSeconds(30), $"{count} {status} deliveries to {destination}");
    }

    public static async Task<JsonElement> HealthAsync(HttpClient http, Guid destination) =>
        await GetJsonAsync(http, $"/api/v1/destinations/{destination}/health");

    /// <summary>The alert events (type and data) the receiver got on <paramref name="path"/>, in arrival order.</summary>
    public static List<(string Type, JsonElement Data)> AlertsSent(DeliveriesFixture fixture, string path) =>
        [.. fixture.Receiver.Received(path).Select(r => JsonDocument.Parse(r.Body).RootElement)
            .Select(e => (e.GetProperty("type").GetString()!, e.GetProperty("data").Clone()))];

    /// <summary>Waits for the receiver to get the alert event <paramref name="type"/> about <paramref name="alertId"/>.</summary>
    public static async Task<JsonElement> WaitForAlertAsync(DeliveriesFixture fixture, string path, string type, Guid alertId)
    {
        var received = await fixture.Receiver.WaitForAsync(
            r => r.Path == path && r.Body.Contains($"\"{type}\"", StringComparison.Ordinal) && r.Body.Contains(alertId.ToString(), StringComparison.Ordinal),
            what: $"{type} of alert {alertId}");
        return JsonDocument.Parse(received.Body).RootElement.GetProperty("data").Clone();
    }
}
