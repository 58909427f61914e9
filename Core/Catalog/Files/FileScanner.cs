using Azure;
using Azure.Storage.Blobs.Models;
using DigitalDelivery.Core.Audit;
using DigitalDelivery.Core.Deliveries;
using DigitalDelivery.Core.Notices;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Scanning;
using DigitalDelivery.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DigitalDelivery.Core.Catalog.Files;

/// <summary>
/// Scans one uploaded file: streams its blob into clamd and records the verdict. Clean makes it servable;
/// Infected quarantines it (status Infected, blob kept for inspection, never served) and tells the tenant with a
/// notice and an audit entry; a limit clamd cannot scan past is ScanFailed at once. Anything that may pass
/// (clamd or storage unreachable, a non-limit error) throws so the queue retries with backoff, except on the
/// last attempt, which flags ScanFailed instead. The caller sets the scope's tenant first.
/// </summary>
public sealed partial class FileScanner(
    DeliveryDbContext db,
    CatalogFileStorage storage,
    ClamAvClient clamAv,
    TenantNotices notices,
    MerchantEvents events,
    TimeProvider time,
    ILogger<FileScanner> logger)
{
    /// <returns>The file's status afterwards; null when the file no longer exists.</returns>
    public async Task<string?> ScanAsync(Guid fileId, int attempt, bool lastAttempt, CancellationToken cancellationToken)
    {
        var file = await db.Set<CatalogFile>().SingleOrDefaultAsync(f => f.Id == fileId, cancellationToken);
        if (file is null || file.Status != FileStatuses.Pending)
        {
            // Deleted meanwhile, or a redelivery of a scan that already recorded its verdict.
            return file?.Status;
        }

        ScanResult result;
        try
        {
            using BlobDownloadStreamingResult download = await storage.Blob(file.BlobName).DownloadStreamingAsync(cancellationToken: cancellationToken);
            result = await clamAv.ScanAsync(download.Content, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return await RecordAsync(file, attempt, FileStatuses.ScanFailed, "The stored content is missing.", cancellationToken);
        }
        catch (Exception ex) when (ex is ClamAvUnavailableException || BlobFailures.IsStorageFailure(ex))
        {
            LogTransient(logger, file.Id, attempt, ex.GetType().Name);
            if (!lastAttempt)
            {
                throw;
            }

            return await RecordAsync(file, attempt, FileStatuses.ScanFailed, $"The scan could not be completed after {attempt} attempts.", cancellationToken);
        }

        switch (result)
        {
            case ScanResult.Clean:
                return await RecordAsync(file, attempt, FileStatuses.Clean, null, cancellationToken);
            case ScanResult.Infected infected:
                return await RecordAsync(file, attempt, FileStatuses.Infected, infected.Signature, cancellationToken);
            case ScanResult.Failed { LimitExceeded: true } failed:
                return await RecordAsync(file, attempt, FileStatuses.ScanFailed, $"Too large for the virus scanner: {failed.Reason}", cancellationToken);
            case ScanResult.Failed failed when lastAttempt:
                return await RecordAsync(file, attempt, FileStatuses.ScanFailed, failed.Reason, cancellationToken);
            case ScanResult.Failed failed:
                LogTransient(logger, file.Id, attempt, failed.Reason);
                throw new FileScanRetryException($"clamd could not scan file {file.Id}: {failed.Reason}");
            default:
                throw new InvalidOperationException($"Unknown scan result {result}.");
        }
    }

    private async Task<string> RecordAsync(CatalogFile file, int attempt, string status, string? detail, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        file.Status = status;
        file.ScanDetail = detail is { Length: > 500 } ? detail[..500] : detail;
        file.ScanAttempts = attempt;
        file.ScannedAt = now;
        file.Version++;
        if (status == FileStatuses.Infected)
        {
            notices.Raise(NoticeKinds.FileInfected, NoticeSeverities.Critical,
                $"The upload '{file.FileName}' contains malware ({detail}). It is quarantined: it cannot be attached to products or downloaded.",
                "file", file.Id.ToString());
        }
        else if (status == FileStatuses.ScanFailed)
        {
            notices.Raise(NoticeKinds.FileScanFailed, NoticeSeverities.Warning,
                $"The upload '{file.FileName}' could not be virus-scanned ({detail}). It cannot be attached to products or downloaded.",
                "file", file.Id.ToString());
        }

        db.Add(new AuditEntry
        {
            OrganizationId = file.OrganizationId,
            ActorType = AuditActorTypes.System,
            ActorId = "virus-scanner",
            Action = status == FileStatuses.Infected ? "file.quarantined" : $"file.scanned",
            EntityType = "file",
            EntityId = file.Id.ToString(),
            Summary = detail is null ? $"status={status}" : $"status={status}; detail={file.ScanDetail}",
            OccurredAt = now,
        });
        // The verdict, its notice and (for a file that cannot be served) the merchant event commit together.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (status is FileStatuses.Infected or FileStatuses.ScanFailed)
        {
            await events.PublishAsync(file.OrganizationId, status == FileStatuses.Infected ? MerchantEventTypes.FileInfected : MerchantEventTypes.FileScanFailed,
                file.Id.ToString(), new FileScanEventData(file.Id, file.FileName, status, file.ScanDetail, now), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        LogVerdict(logger, file.Id, status);
        return status;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scanning file {FileId} failed on attempt {Attempt} ({Reason}); it will be retried unless this was the last attempt.")]
    private static partial void LogTransient(ILogger logger, Guid fileId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "File {FileId} scanned: {Status}.")]
    private static partial void LogVerdict(ILogger logger, Guid fileId, string status);
}
