using System.Globalization;
using DigitalDelivery.Core.Catalog.Assets;
using DigitalDelivery.Core.Catalog.Delivery;
using DigitalDelivery.Core.Entitlements;
using DigitalDelivery.Core.Fulfillment.Messaging;
using DigitalDelivery.Core.Messaging.Handling;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.DeliveryWorker.CustomerAccess;

/// <summary>
/// The email channel of an access delivery: mints a fresh link to the order's page, mails it with the order's
/// license keys, and records a receipt under the message's idempotency key. A redelivered message whose receipt
/// exists is skipped; only a crash between the send and the receipt's commit mails twice (with a second, equally
/// valid link and the same Message-Id). Other destinations (webhooks) are not this channel's.
/// </summary>
internal sealed partial class OrderAccessDeliveryHandler(
    DeliveryDbContext db,
    TenantContext tenant,
    OrderLicenseKeys licenseKeys,
    OrderLinkMail linkMail,
    TimeProvider time,
    ILogger<OrderAccessDeliveryHandler> logger) : IMessageHandler<OrderAccessDeliveryRequested>
{
    public async Task HandleAsync(OrderAccessDeliveryRequested message, MessageContext context, CancellationToken cancellationToken)
    {
        OrderTelemetry.TagCurrentSpan(message.OrderId);
        if (!message.Destinations.Contains(DeliveryDestinations.Email, StringComparer.Ordinal))
        {
            return;
        }

        tenant.SetOrganization(message.OrganizationId);
        if (await db.Set<CustomerMailReceipt>().AnyAsync(r => r.IdempotencyKey == context.IdempotencyKey, cancellationToken))
        {
            LogAlreadySent(message.OrderId);
            return;
        }

        var order = await db.Set<Order>().AsNoTracking().SingleOrDefaultAsync(o => o.Id == message.OrderId, cancellationToken);
        if (order is null)
        {
            LogNoOrder(message.OrderId);
            return;
        }

        var now = time.GetUtcNow();
        var files = await db.Set<DownloadAccess>().AsNoTracking()
            .Where(a => a.OrderId == order.Id)
            .Join(db.Set<DigitalAsset>(), a => a.AssetId, asset => asset.Id, (a, asset) => new { Access = a, asset.Name })
            .ToListAsync(cancellationToken);
        var liveFiles = files.Where(f => AccessStates.IsLive(f.Access, now)).Select(f => (f.Name, f.Access)).ToList();
        var keys = await licenseKeys.ListAsync(order.Id, cancellationToken);
        if (liveFiles.Count == 0 && keys.Count == 0)
        {
            LogNothingToDeliver(order.Id);
            return;
        }

        var messageId = MailMessageIds.For(context.IdempotencyKey);
        await linkMail.SendAsync(
            order.OrganizationId,
            order.Id,
            pageUrl => new CustomerMail(
                order.CustomerEmail, $"Your order {OrderNumbers.Of(order.Id)}: downloads and keys", Body(order, pageUrl, liveFiles, keys), messageId),
            cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(new CustomerMailReceipt
        {
            IdempotencyKey = context.IdempotencyKey,
            OrganizationId = order.OrganizationId,
            Kind = CustomerMailKinds.Access,
            OrderId = order.Id,
            MessageId = messageId,
            SentAt = time.GetUtcNow(),
        });
        await CompleteAsync(order.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogSent(order.Id, liveFiles.Count, keys.Count);
    }

    /// <summary>
    /// The first delivery of a fulfilled order's access completes it (Fulfilled → Completed), with the receipt in one
    /// commit. Later deliveries (reissue, resend) find it Completed, or refunded, and leave it alone.
    /// </summary>
    private async Task CompleteAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var order = await db.LockOrderAsync(orderId, cancellationToken);
        if (order?.Status == OrderStatuses.Fulfilled)
        {
            db.Add(order.MoveTo(OrderStatuses.Completed, "access delivered to the customer by email", time.GetUtcNow()));
        }
    }

    private static CustomerMailBody Body(
        Order order, string pageUrl, List<(string Name, DownloadAccess Access)> files, IReadOnlyList<CustomerLicenseKey> keys)
    {
        var culture = CultureInfo.InvariantCulture;
        var body = new CustomerMailBody()
            .Paragraph($"Hello {order.CustomerName},")
            .Paragraph(string.Create(culture, $"thank you for your order {OrderNumbers.Of(order.Id)} of {order.CreatedAt:yyyy-MM-dd}."));
        if (files.Count > 0)
        {
            body.Link("Download your files here:", pageUrl)
                .List("Your files:", files.Select(file => string.Create(culture, $"{file.Name} ({Allowance(file.Access)})")))
                .Paragraph("Keep this link to yourself: anyone who has it can download your files.");
        }

        if (keys.Count > 0)
        {
            body.List("Your license keys:", keys.Select(key => $"{key.ProductName}: {key.Key}"));
            if (files.Count == 0)
            {
                // The page keeps the keys when the mail is lost, and shows files a later version or reissue adds.
                body.Link("Your keys are also kept on your order page:", pageUrl)
                    .Paragraph("Keep this link to yourself: anyone who has it can read your keys.");
            }
        }

        return body;
    }

    private static string Allowance(DownloadAccess access)
    {
        var left = access.DownloadsLeft is { } n ? string.Create(CultureInfo.InvariantCulture, $"{n} downloads left") : "unlimited downloads";
        var until = access.ExpiresAt is { } expires
            ? string.Create(CultureInfo.InvariantCulture, $", until {expires:yyyy-MM-dd HH:mm} UTC")
            : string.Empty;
        return left + until;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Access mail for order {OrderId} was already sent; skipping the redelivery.")]
    private partial void LogAlreadySent(Guid orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Access delivery for order {OrderId}: the order does not exist.")]
    private partial void LogNoOrder(Guid orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Access delivery for order {OrderId}: no live entitlement and no license key; nothing mailed.")]
    private partial void LogNothingToDeliver(Guid orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Access mail for order {OrderId} sent ({FileCount} files, {KeyCount} keys).")]
    private partial void LogSent(Guid orderId, int fileCount, int keyCount);
}
