using DigitalDelivery.Core.Deliveries.Requests;
using DigitalDelivery.Core.Messaging.Sending;

namespace DigitalDelivery.Core.Deliveries.Messaging;

/// <summary>
/// The one way deliveries' attempts go on the queue, at the delivery's priority. A first attempt is deduplicated by
/// the delivery (a re-run fan-out or submission enqueues nothing twice); every later one (a retry, a wait for the
/// breaker, a replay by hand) gets a message id of its own, because it is enqueued while the message of the attempt
/// before it is still unfinished.
/// </summary>
public static class DeliveryAttemptOutbox
{
    public static Task<int> EnqueueFirstAttemptsAsync(this IMessageOutbox outbox, IReadOnlyCollection<Delivery> deliveries, CancellationToken cancellationToken)
    {
        var priorities = deliveries.ToDictionary(d => d.Id, d => d.Priority);
        return outbox.EnqueueManyAsync(
            deliveries.Select(d => new DeliveryAttemptDue(d.OrganizationId, d.Id)),
            due => new EnqueueOptions { DedupeKey = $"delivery:{due.DeliveryId:N}", Priority = priorities[due.DeliveryId] },
            cancellationToken);
    }

    public static Task<int> EnqueueNextAttemptsAsync(
        this IMessageOutbox outbox, IReadOnlyCollection<Delivery> deliveries, DateTimeOffset? notBefore, TimeProvider time, CancellationToken cancellationToken)
    {
        var priorities = deliveries.ToDictionary(d => d.Id, d => d.Priority);
        return outbox.EnqueueManyAsync(
            deliveries.Select(d => new DeliveryAttemptDue(d.OrganizationId, d.Id)),
            due => new EnqueueOptions { NotBefore = notBefore, MessageId = Guid.CreateVersion7(time.GetUtcNow()), Priority = priorities[due.DeliveryId] },
            cancellationToken);
    }
}
