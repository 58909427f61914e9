using DigitalDelivery.Core.Catalog.Delivery;
using DigitalDelivery.Core.Entitlements;
using DigitalDelivery.Core.Entitlements.Messaging;
using DigitalDelivery.Core.Fulfillment.Messaging;
using DigitalDelivery.Core.Messaging.Handling;
using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.DeliveryWorker.CustomerAccess;

/// <summary>
/// Turns a resend request into one access delivery per order of the address that still has live entitlements or
/// license keys, in every tenant: the customer's page is the platform's, and a customer who bought from two shops with one address
/// expects both. Transactional, so the fan-out happens exactly once; the dedupe key per order keeps a burst of
/// requests to one pending mail per order.
/// </summary>
internal sealed class ResendLinksHandler(TenantContext tenant, IMessageOutbox outbox, TimeProvider time)
    : ITransactionalMessageHandler<CustomerLinksResendRequested>
{
    private sealed record OrderRef(Guid OrganizationId, Guid OrderId);

    /// <summary>Bounds the work one request can cause.</summary>
    private const int MaxOrders = 50;

    public async Task HandleAsync(
        CustomerLinksResendRequested message, MessageContext context, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        var email = message.Email.Trim().ToLowerInvariant();
        var now = time.GetUtcNow();
        List<(Guid OrganizationId, Guid OrderId)> orders;
        using (tenant.BeginCrossTenantAccess())
        {
            // CA1862: EF translates ToLower() to SQL lower(); string.Equals with a StringComparison does not translate.
#pragma warning disable CA1862
            orders = (await db.Set<DownloadAccess>().AsNoTracking()
                .Where(a => a.CustomerEmail.ToLower() == email && a.RevokedAt == null
                    && (a.ExpiresAt == null || a.ExpiresAt > now)
                    && (a.MaxDownloads == null || a.DownloadsUsed < a.MaxDownloads))
                .Select(a => new { a.OrganizationId, a.OrderId })
                .Distinct()
                .OrderBy(o => o.OrderId)
                .Take(MaxOrders)
                .ToListAsync(cancellationToken))
                .Select(o => (o.OrganizationId, o.OrderId)).ToList();
#pragma warning restore CA1862

            // Orders that delivered license keys are worth resending too, even without a file to download.
            var withKeys = await db.Database.SqlQuery<OrderRef>(
                $"""
                SELECT DISTINCT o.organization_id AS "OrganizationId", o.id AS "OrderId"
                FROM orders o
                JOIN order_lines l ON l.order_id = o.id
                JOIN license_keys k ON k.assigned_to = 'order-line:' || replace(l.id::text, '-', '')
                WHERE lower(o.customer_email) = {email}
                ORDER BY o.id
                LIMIT {MaxOrders}
                """).ToListAsync(cancellationToken);
            orders = orders.Union(withKeys.Select(o => (o.OrganizationId, o.OrderId))).Take(MaxOrders).ToList();
        }

        foreach (var (organizationId, orderId) in orders)
        {
            await outbox.EnqueueAsync(
                new OrderAccessDeliveryRequested(organizationId, orderId, [DeliveryDestinations.Email]),
                new EnqueueOptions { DedupeKey = $"resend-links:{orderId:N}" },
                cancellationToken);
        }
    }
}
