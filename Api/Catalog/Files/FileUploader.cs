using DigitalDelivery.Api.Audit;
using DigitalDelivery.Api.Catalog.Common;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.Problems;
using DigitalDelivery.Core.Catalog;
using DigitalDelivery.Core.Catalog.Files;
using DigitalDelivery.Core.Catalog.Files.Messaging;
using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.Api.Catalog.Files;

/// <summary>
/// Streams one upload into Blob storage and records it. The first <see cref="ContentSniffer.HeadLength"/> bytes are
/// read first to detect the content type (storage needs it before the first byte is sent); then head and rest flow
/// through <see cref="LimitedUploadStream"/> into <see cref="CatalogFileStorage.UploadAsync"/>, which hashes them on
/// the way and holds at most a few blocks in memory. A refused or failed upload leaves no blob behind. The row and its scan
/// request are written in one transaction, so every stored file gets scanned.
/// </summary>
public sealed partial class FileUploader(
    DeliveryDbContext db,
    CatalogFileStorage storage,
    IOptions<CatalogOptions> options,
    ITenantContext tenant,
    AuditTrail audit,
    IMessageOutbox outbox,
    IHttpContextAccessor httpContextAccessor,
    TimeProvider time,
    ILogger<FileUploader> logger)
{
    public long Limit => options.Value.MaxFileBytesFor(OrganizationId);

    private Guid OrganizationId => tenant.OrganizationId ?? throw new InvalidOperationException("An upload needs a tenant.");

    public static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        type: ProblemTypes.FileTooLarge,
        title: "The file is too large.",
        detail: $"Files may be at most {limit} bytes for this organization.",
        extensions: new Dictionary<string, object?> { ["max_file_bytes"] = limit });

    public static ProblemHttpResult Empty() => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        type: ProblemTypes.EmptyFile,
        title: "The file is empty.",
        detail: "An upload must contain at least one byte.");

    public async Task<UploadOutcome> UploadAsync(Stream content, string? clientFileName, CancellationToken cancellationToken)
    {
        var limit = Limit;
        var fileName = FileNames.Sanitize(clientFileName);
        var head = new byte[ContentSniffer.HeadLength];
        var headLength = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (headLength == 0)
        {
            return new UploadOutcome(null, Empty());
        }

        if (headLength > limit)
        {
            return new UploadOutcome(null, TooLarge(limit));
        }

        var contentType = ContentSniffer.Detect(head.AsSpan(0, headLength), Path.GetExtension(fileName), truncated: headLength == head.Length);
        var organizationId = OrganizationId;
        var blobName = CatalogFileStorage.NewBlobName(organizationId);
        await storage.EnsureContainerAsync(cancellationToken);

        string sha256;
        long length;
        var source = new LimitedUploadStream(head, headLength, content, limit);
        await using (source)
        {
            try
            {
                sha256 = await storage.UploadAsync(blobName, source, contentType,
                    new Dictionary<string, string> { ["organization"] = organizationId.ToString("N") }, cancellationToken);
                length = source.BytesRead;
            }
            catch (FileTooLargeException)
            {
                // Blocks are only committed at the end, so normally nothing exists; delete in case a commit raced.
                await storage.TryDeleteAsync(blobName);
                LogTooLarge(logger, organizationId, limit);
                return new UploadOutcome(null, TooLarge(limit));
            }
            catch
            {
                await storage.TryDeleteAsync(blobName);
                throw;
            }
        }

        try
        {
            var file = await RecordAsync(organizationId, blobName, fileName, contentType, length, sha256, cancellationToken);
            return new UploadOutcome(file, null);
        }
        catch
        {
            await storage.TryDeleteAsync(blobName);
            throw;
        }
    }

    private async Task<CatalogFile> RecordAsync(
        Guid organizationId, string blobName, string fileName, string contentType, long length, string sha256,
        CancellationToken cancellationToken)
    {
        var actor = httpContextAccessor.HttpContext?.User.GetActor();
        var file = new CatalogFile
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = organizationId,
            BlobName = blobName,
            FileName = fileName,
            ContentType = contentType,
            SizeBytes = length,
            Sha256 = sha256,
            Status = FileStatuses.Pending,
            UploadedAt = time.GetUtcNow(),
            UploadedBy = actor is { } who ? $"{who.Type}:{who.Id}" : null,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(file);
        audit.Record(CatalogAuditActions.FileUploaded, "file", file.Id.ToString(),
            $"name={file.FileName}; size={file.SizeBytes}; type={file.ContentType}; sha256={file.Sha256}");
        await db.SaveChangesAsync(cancellationToken);
        await outbox.EnqueueAsync(new FileScanRequested(organizationId, file.Id), new EnqueueOptions { DedupeKey = $"scan:{file.Id}" }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return file;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "An upload for organization {OrganizationId} passed its limit of {Limit} bytes and was refused.")]
    private static partial void LogTooLarge(ILogger logger, Guid organizationId, long limit);
}
