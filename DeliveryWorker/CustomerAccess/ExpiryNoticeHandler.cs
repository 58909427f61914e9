using System.Globalization;
using DigitalDelivery.Core.Catalog.Assets;
using DigitalDelivery.Core.Entitlements;
using DigitalDelivery.Core.Entitlements.Messaging;
using DigitalDelivery.Core.Messaging.Handling;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.DeliveryWorker.CustomerAccess;

/// <summary>
/// Tells the customer that access to a file ends soon, with a fresh link to the order's page. Re-checks when it
/// runs (the notice was scheduled days earlier): not revoked, still the expiry it was scheduled for (an extension
/// scheduled another notice), not expired yet, not told yet. Marks <see cref="DownloadAccess.ExpiryNoticeSentAt"/>
/// and a receipt together after sending.
/// </summary>
internal sealed partial class ExpiryNoticeHandler(
    DeliveryDbContext db,
    TenantContext tenant,
    OrderLinkMail linkMail,
    TimeProvider time,
    ILogger<ExpiryNoticeHandler> logger) : IMessageHandler<DownloadAccessExpiryNoticeDue>
{
    public async Task HandleAsync(DownloadAccessExpiryNoticeDue message, MessageContext context, CancellationToken cancellationToken)
    {
        tenant.SetOrganization(message.OrganizationId);
        if (await db.Set<CustomerMailReceipt>().AnyAsync(r => r.IdempotencyKey == context.IdempotencyKey, cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow();
        var access = await db.Set<DownloadAccess>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == message.DownloadAccessId, cancellationToken);
        if (access is null || !access.NotifyCustomerOnExpiry || access.IsRevoked || access.ExpiryNoticeSentAt is not null
            || access.ExpiresAt is not { } expiresAt
            || ExpiryNotices.AsStored(expiresAt) != ExpiryNotices.AsStored(message.ExpiresAt) || access.IsExpiredAt(now))
        {
            LogStale(message.DownloadAccessId);
            return;
        }

        var order = await db.Set<Order>().AsNoTracking().SingleAsync(o => o.Id == access.OrderId, cancellationToken);
        var assetName = await db.Set<DigitalAsset>().Where(a => a.Id == access.AssetId).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken)
            ?? "your file";
        var messageId = MailMessageIds.For(context.IdempotencyKey);
        await linkMail.SendAsync(
            access.OrganizationId,
            access.OrderId,
            pageUrl => new CustomerMail(
                access.CustomerEmail,
                $"Your download of {assetName} ends soon",
                new CustomerMailBody()
                    .Paragraph($"Hello {order.CustomerName},")
                    .Paragraph(string.Create(CultureInfo.InvariantCulture,
                        $"your access to \"{assetName}\" (order {OrderNumbers.Of(order.Id)}) ends on {message.ExpiresAt:yyyy-MM-dd HH:mm} UTC."))
                    .Link("Download it before then:", pageUrl),
                messageId),
            cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var sentAt = time.GetUtcNow();
        await db.Set<DownloadAccess>().Where(a => a.Id == access.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ExpiryNoticeSentAt, sentAt), cancellationToken);
        db.Add(new CustomerMailReceipt
        {
            IdempotencyKey = context.IdempotencyKey,
            OrganizationId = access.OrganizationId,
            Kind = CustomerMailKinds.ExpiryNotice,
            OrderId = access.OrderId,
            MessageId = messageId,
            SentAt = sentAt,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expiry notice for entitlement {DownloadAccessId} is no longer due; dropped.")]
    private partial void LogStale(Guid downloadAccessId);
}
