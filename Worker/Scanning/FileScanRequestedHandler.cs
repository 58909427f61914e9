using DigitalDelivery.Core.Catalog.Files;
using DigitalDelivery.Core.Catalog.Files.Messaging;
using DigitalDelivery.Core.Messaging.Handling;
using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Worker.Scanning;

/// <summary>
/// Scans an upload for its tenant. At least once (the scan is outside I/O that can take minutes, too long to hold
/// a transaction open); a redelivery after the verdict was recorded finds the file no longer Pending and does
/// nothing. Transient failures throw so the queue retries with backoff; the last allowed attempt flags the file
/// ScanFailed instead (the attempt count comes from the message context).
/// </summary>
internal sealed class FileScanRequestedHandler(TenantContext tenant, FileScanner scanner, FileScanOptions options)
    : IMessageHandler<FileScanRequested>
{
    public async Task HandleAsync(FileScanRequested message, MessageContext context, CancellationToken cancellationToken)
    {
        tenant.SetOrganization(message.OrganizationId);
        await scanner.ScanAsync(message.FileId, context.Attempt, lastAttempt: context.Attempt >= options.MaxAttempts, cancellationToken);
    }
}
