using System.Text.Json.Nodes;
using DigitalDelivery.Core.Catalog.Delivery;
using DigitalDelivery.Core.Deliveries.Destinations;
using DigitalDelivery.Core.Deliveries.Messaging;
using DigitalDelivery.Core.Deliveries.Requests;
using DigitalDelivery.Core.Messaging.Handling;
using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.DeliveryWorker.Engine;

/// <summary>
/// Fans a merchant event out: one delivery per enabled destination subscribed to its type or named by the event
/// (a product's delivery configuration), except the one the event is about when it is an alert, each with its first
/// attempt enqueued, in the transaction that completes the event's message. Exactly once: a crash before the commit
/// leaves the message to run again and nothing behind; (destination, event) is unique besides.
/// </summary>
internal sealed class MerchantEventFanOutHandler(TenantContext tenant, IMessageOutbox outbox, TimeProvider time)
    : ITransactionalMessageHandler<MerchantEventRaised>
{
    public async Task HandleAsync(MerchantEventRaised message, MessageContext context, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        tenant.SetOrganization(message.OrganizationId);
        var destinations = await db.Set<Destination>().AsNoTracking().Where(d => d.Enabled).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var named = message.Destinations ?? [];
        var deliveries = destinations
            .Where(d => d.Id != message.ExceptDestinationId)
            .Where(d => EventPatterns.MatchesAny(d.Events, message.Type) || named.Any(n => DeliveryDestinations.Selects(n, d.Type, d.Name)))
            .Select(d => new Delivery
            {
                Id = Guid.CreateVersion7(now),
                OrganizationId = message.OrganizationId,
                DestinationId = d.Id,
                EventId = message.EventId,
                EventType = message.Type,
                Payload = Envelope(message),
                CorrelationId = context.CorrelationId,
                CreatedAt = now,
                NextAttemptAt = now,
            })
            .ToList();
        if (deliveries.Count == 0)
        {
            return;
        }

        db.AddRange(deliveries);
        // The invoker's transaction is rolled back whole if anything here fails, so SaveChanges needs no savepoint
        // of its own (two round trips fewer per event).
        db.Database.AutoSavepointsEnabled = false;
        await db.SaveChangesAsync(cancellationToken);
        await outbox.EnqueueFirstAttemptsAsync(deliveries, cancellationToken);
    }

    /// <summary>The Standard Webhooks payload shape: type, timestamp and the event's data, plus its id.</summary>
    private static string Envelope(MerchantEventRaised message) => new JsonObject
    {
        ["id"] = message.EventId,
        ["type"] = message.Type,
        ["timestamp"] = message.OccurredAt.ToUniversalTime(),
        ["data"] = JsonNode.Parse(message.Data),
    }.ToJsonString();
}
