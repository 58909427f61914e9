using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalDelivery.Core.Messaging;
using DigitalDelivery.Core.Messaging.Sending;

namespace DigitalDelivery.Tests.Operations;

/// <summary>GET /api/v1/platform/queues: every queue's depth, counted when asked.</summary>
[Collection(nameof(OperationsRunTogether))]
public sealed class QueueStatusTests(OperationsFixture fixture)
{
    private const string Path = "/api/v1/platform/queues";

    [Fact]
    public async Task Queue_status_lists_every_queue_and_counts_ready_scheduled_and_dead_messages_at_once()
    {
        using var platform = await fixture.PlatformClientAsync();
        var before = await StatusAsync(platform);
        Assert.Equal(QueueNames.All, before.Keys);

        await fixture.EnqueueAsync(
            (new WaitingProbeMessage(1), new EnqueueOptions()),
            (new WaitingProbeMessage(2), new EnqueueOptions()),
            (new WaitingProbeMessage(3), new EnqueueOptions { NotBefore = DateTimeOffset.UtcNow.AddDays(1) }));
        await fixture.DeadLettersAsync(new DeliveryProbeMessage($"queue-status-{Guid.NewGuid():N}@customers.example"));

        var after = await StatusAsync(platform);

        var fulfillment = after[QueueNames.Fulfillment];
        Assert.Equal(Count(before, QueueNames.Fulfillment, "ready") + 2, fulfillment.GetProperty("ready").GetInt64());
        Assert.Equal(Count(before, QueueNames.Fulfillment, "scheduled") + 1, fulfillment.GetProperty("scheduled").GetInt64());
        Assert.Equal(Count(before, QueueNames.Delivery, "dead_letters") + 1, after[QueueNames.Delivery].GetProperty("dead_letters").GetInt64());

        // Delivery's consumer has dead-lettered everything sent to it (no test heals a delivery probe): nothing waits.
        var delivery = after[QueueNames.Delivery];
        Assert.Equal(0, delivery.GetProperty("ready").GetInt64());
        Assert.Equal(0, delivery.GetProperty("in_flight").GetInt64());
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("oldest_ready_at").ValueKind);
        Assert.Equal(0, delivery.GetProperty("oldest_ready_age_seconds").GetDouble());

        // The oldest ready message is one of these (or older, left by an earlier test); its age is counted from it.
        var oldest = fulfillment.GetProperty("oldest_ready_at").GetDateTimeOffset();
        var measuredAt = fulfillment.GetProperty("measured_at").GetDateTimeOffset();
        Assert.True(oldest <= measuredAt, $"oldest ready at {oldest:O}, measured at {measuredAt:O}");
        Assert.Equal((measuredAt - oldest).TotalSeconds, fulfillment.GetProperty("oldest_ready_age_seconds").GetDouble(), 0.01);
        Assert.True(after[QueueNames.FileScans].GetProperty("measured_at").GetDateTimeOffset() >= before[QueueNames.FileScans].GetProperty("measured_at").GetDateTimeOffset());
    }

    private static long Count(Dictionary<string, JsonElement> status, string queue, string field) => status[queue].GetProperty(field).GetInt64();

    private static async Task<Dictionary<string, JsonElement>> StatusAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri(Path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var queues = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return queues.EnumerateArray().ToDictionary(q => q.GetProperty("queue").GetString()!, q => q.Clone());
    }
}
