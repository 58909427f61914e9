using DigitalDelivery.Core.Entitlements.Messaging;
using DigitalDelivery.Core.Messaging.Sending;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.Core.Entitlements;

/// <summary>
/// Schedules the "your access ends soon" notice of an entitlement on the delivery queue. Fulfillment calls
/// <see cref="ScheduleAsync"/> when it grants access and the admin extend calls it again: both inside their own
/// transaction, so the notice exists exactly when the grant (or the new expiry) does. The dedupe key names the
/// expiry, so scheduling twice for the same expiry is a no-op and an extension schedules a fresh notice; the
/// handler drops notices whose expiry no longer matches.
/// </summary>
public sealed class ExpiryNotices(IMessageOutbox outbox, TimeProvider time, IOptions<EntitlementOptions> options)
{
    /// <returns>False when nothing was scheduled (no expiry, no notice wanted, revoked, or already scheduled).</returns>
    public async Task<bool> ScheduleAsync(DownloadAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.NotifyCustomerOnExpiry || access.ExpiresAt is not { } exact || access.IsRevoked)
        {
            return false;
        }

        var expiresAt = AsStored(exact);

        // A grant shorter than the lead is told at once rather than never; an expiry already past is not told.
        var now = time.GetUtcNow();
        if (expiresAt <= now)
        {
            return false;
        }

        var due = expiresAt - options.Value.ExpiryNoticeLead;
        return await outbox.EnqueueAsync(
            new DownloadAccessExpiryNoticeDue(access.OrganizationId, access.Id, expiresAt),
            new EnqueueOptions { NotBefore = due > now ? due : now, DedupeKey = DedupeKey(access.Id, expiresAt) },
            cancellationToken);
    }

    /// <summary>
    /// The expiry as PostgreSQL keeps it (microseconds): the handler compares the message's expiry with the stored
    /// one, and a value with 100 ns ticks would never match after a round trip.
    /// </summary>
    public static DateTimeOffset AsStored(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);

    public static string DedupeKey(Guid accessId, DateTimeOffset expiresAt) =>
        $"expiry-notice:{accessId:N}:{expiresAt.UtcTicks}";
}
