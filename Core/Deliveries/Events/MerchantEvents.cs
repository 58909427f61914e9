using System.Text.Json;
using DigitalDelivery.Core.Deliveries.Messaging;
using DigitalDelivery.Core.Messaging.Sending;

namespace DigitalDelivery.Core.Deliveries;

/// <summary>
/// Publishes a merchant event through the outbox. Call it inside the transaction of the change it reports: the
/// event then commits (or rolls back) with it. The event id is fixed by the caller's change (one order is fulfilled
/// once), so a retried transaction that publishes again is deduplicated by the queue.
/// </summary>
public sealed class MerchantEvents(IMessageOutbox outbox, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <param name="destinations">Destinations named for this event beyond its subscribers (see <see cref="MerchantEventRaised"/>).</param>
    /// <param name="exceptDestinationId">A destination that must not get it (the subject of an alert).</param>
    public Task<bool> PublishAsync<TData>(
        Guid organizationId, string type, string subject, TData data, CancellationToken cancellationToken, IReadOnlyList<string>? destinations = null,
        Guid? exceptDestinationId = null)
    {
        var now = time.GetUtcNow();
        var message = new MerchantEventRaised(
            organizationId, Guid.CreateVersion7(now), type, now, JsonSerializer.Serialize(data, Json), destinations is { Count: > 0 } ? destinations : null,
            exceptDestinationId);
        return outbox.EnqueueAsync(message, new EnqueueOptions { DedupeKey = $"event:{type}:{subject}" }, cancellationToken);
    }
}
