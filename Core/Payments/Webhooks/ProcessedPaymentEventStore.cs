using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Core.Payments.Webhooks;

/// <summary>
/// Records payment event ids with INSERT ... ON CONFLICT DO NOTHING on the caller's DeliveryDbContext, so it
/// joins whatever transaction that context has open. A concurrent delivery of the same event waits on the
/// first one's row and, once that commits, finds it taken; if the first rolls back, the second goes ahead.
/// </summary>
public sealed class ProcessedPaymentEventStore(TimeProvider timeProvider)
{
    /// <summary>True when this call recorded the id (first delivery); false when it was recorded before.</summary>
    public async Task<bool> TryRecordAsync(DeliveryDbContext db, string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        var receivedAt = timeProvider.GetUtcNow().ToUniversalTime();
        var inserted = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO processed_payment_events (event_id, received_at) VALUES ({eventId}, {receivedAt}) ON CONFLICT (event_id) DO NOTHING",
            cancellationToken);
        return inserted == 1;
    }
}
