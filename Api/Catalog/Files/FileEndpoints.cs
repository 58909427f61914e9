using DigitalDelivery.Api.Audit;
using DigitalDelivery.Api.Catalog.Common;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.OpenApi;
using DigitalDelivery.Api.Problems;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Core.Catalog.Assets;
using DigitalDelivery.Core.Catalog.Files;
using DigitalDelivery.Core.Catalog.Files.Messaging;
using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace DigitalDelivery.Api.Catalog.Files;

/// <summary>
/// /api/v1/files: uploads (multipart/form-data with one file part, or the raw body with the name in X-File-Name
/// or ?name=), listing, details and deletion. Upload bodies are never buffered: see <see cref="FileUploader"/>.
/// </summary>
public static class FileEndpoints
{
    public const string FileNameHeader = "X-File-Name";

    // Form fields before the file part (a multipart client may send some) are read and dropped, up to this much.
    private const int MaxOtherPartsBytes = 64 * 1024;

    // What multipart framing may add to the file itself when checking a declared Content-Length.
    private const int MultipartOverhead = 64 * 1024;

    private static readonly IReadOnlyCollection<string> SortFields = Paging.Sorts("uploaded_at", "file_name", "size_bytes");

    public static IEndpointRouteBuilder MapFileEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/files")
            .WithTags("Files")
            .RequireAuthorization(Scopes.CatalogRead)
            .RequireRateLimiting(RateLimitPolicies.WritesPerClient)
            .WithAuditTrail("file");
        group.MapPost("/", UploadAsync).RequireAuthorization(Scopes.CatalogWrite)
            .WithMetadata(new DisableRequestSizeLimitAttribute())
            .AddOpenApiOperationTransformer(UploadRequestBody.DescribeAsync);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Scopes.CatalogWrite);
        group.MapPost("/{id:guid}/rescan", RescanAsync).RequireAuthorization(Scopes.CatalogWrite);
        return app;
    }

    [ProblemResponses(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)]
    private static async Task<Results<Created<FileResponse>, ProblemHttpResult>> UploadAsync(
        HttpContext http, FileUploader uploader, CancellationToken cancellationToken)
    {
        var request = http.Request;
        var limit = uploader.Limit;
        var isMultipart = MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        if (request.ContentLength == 0)
        {
            return FileUploader.Empty();
        }

        if (request.ContentLength > limit + (isMultipart ? MultipartOverhead : 0))
        {
            return FileUploader.TooLarge(limit);
        }

        UploadOutcome outcome;
        if (isMultipart)
        {
            try
            {
                var multipart = await ReadMultipartAsync(request, mediaType!, uploader, cancellationToken);
                if (multipart.Problem is { } refused)
                {
                    return refused;
                }

                outcome = multipart.Outcome!;
            }
            catch (Exception ex) when (ex is InvalidDataException or (IOException and not BadHttpRequestException) && !http.RequestAborted.IsCancellationRequested)
            {
                // A malformed or truncated multipart body (MultipartReader's own errors); nothing was stored.
                return InvalidUpload("The multipart/form-data body is malformed or incomplete.");
            }
        }
        else
        {
            var name = request.Headers[FileNameHeader].FirstOrDefault() is { Length: > 0 } header
                ? Uri.UnescapeDataString(header)
                : request.Query["name"].FirstOrDefault();
            if (string.IsNullOrWhiteSpace(name))
            {
                return InvalidUpload($"Name the file in the {FileNameHeader} header (percent-encoded UTF-8) or the name query parameter.");
            }

            outcome = await uploader.UploadAsync(request.Body, name, cancellationToken);
        }

        if (outcome.Problem is { } problem)
        {
            return problem;
        }

        var file = outcome.File!;
        Preconditions.SetETag(http, file.Version);
        return TypedResults.Created($"/api/v1/files/{file.Id}", FileResponse.From(file));
    }

    private static async Task<(UploadOutcome? Outcome, ProblemHttpResult? Problem)> ReadMultipartAsync(
        HttpRequest request, MediaTypeHeaderValue mediaType, FileUploader uploader, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return (null, InvalidUpload("The multipart/form-data content type has no boundary."));
        }

        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
        long otherParts = 0;
        while (true)
        {
            var section = await reader.ReadNextSectionAsync(cancellationToken);
            if (section is null)
            {
                return (null, InvalidUpload("The form has no file part."));
            }

            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
            {
                var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value;
                return (await uploader.UploadAsync(section.Body, HeaderUtilities.RemoveQuotes(name).Value, cancellationToken), null);
            }

            otherParts += await DrainAsync(section.Body, MaxOtherPartsBytes - otherParts, cancellationToken);
            if (otherParts > MaxOtherPartsBytes)
            {
                return (null, InvalidUpload($"Form fields before the file part may total at most {MaxOtherPartsBytes} bytes."));
            }
        }
    }

    private static async Task<Results<Ok<PageResponse<FileResponse>>, ValidationProblem>> ListAsync(
        DeliveryDbContext db,
        string? status,
        string? q,
        string? sort,
        int? page,
        [FromQuery(Name = "page_size")] int? pageSize,
        CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, sort, SortFields) ?? [];
        if (status is not null && !FileStatuses.All.Contains(status))
        {
            errors["status"] = [$"status must be one of {string.Join(", ", FileStatuses.All)}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.Set<CatalogFile>().AsNoTracking();
        if (status is not null)
        {
            query = query.Where(f => f.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = $"%{EscapeLike(q.Trim())}%";
            query = query.Where(f => EF.Functions.ILike(f.FileName, pattern, "\\"));
        }

        query = (sort ?? "-uploaded_at") switch
        {
            "uploaded_at" => query.OrderBy(f => f.UploadedAt).ThenBy(f => f.Id),
            "file_name" => query.OrderBy(f => f.FileName).ThenBy(f => f.Id),
            "-file_name" => query.OrderByDescending(f => f.FileName).ThenBy(f => f.Id),
            "size_bytes" => query.OrderBy(f => f.SizeBytes).ThenBy(f => f.Id),
            "-size_bytes" => query.OrderByDescending(f => f.SizeBytes).ThenBy(f => f.Id),
            _ => query.OrderByDescending(f => f.UploadedAt).ThenByDescending(f => f.Id),
        };
        return TypedResults.Ok(await Paging.PageAsync(query, page, pageSize, FileResponse.From, cancellationToken));
    }

    private static async Task<Results<Ok<FileResponse>, NotFound>> GetAsync(Guid id, HttpContext http, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        var file = await db.Set<CatalogFile>().AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (file is null)
        {
            return TypedResults.NotFound();
        }

        Preconditions.SetETag(http, file.Version);
        return TypedResults.Ok(FileResponse.From(file));
    }

    [ProblemResponses(StatusCodes.Status409Conflict)]
    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        Guid id, DeliveryDbContext db, CatalogFileStorage storage, AuditTrail audit, CancellationToken cancellationToken)
    {
        var file = await db.Set<CatalogFile>().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (file is null)
        {
            return TypedResults.NotFound();
        }

        if (file.Status == FileStatuses.Infected)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The file is quarantined.",
                detail: "Files found infected are kept for inspection and cannot be deleted through the Api.");
        }

        if (await db.Set<AssetVersion>().AnyAsync(v => v.FileId == id, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.FileInUse, title: "The file is in use.",
                detail: "A product asset (or an earlier version of one) uses this file; buyers may still download it.");
        }

        db.Remove(file);
        audit.Record(CatalogAuditActions.FileDeleted, "file", file.Id.ToString(), $"name={file.FileName}; status={file.Status}");
        await db.SaveChangesAsync(cancellationToken);
        // The row is gone, so nothing can reach the blob any more; a failed delete only leaves an orphan behind.
        await storage.TryDeleteAsync(file.BlobName);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Scans a file whose scan failed again (after clamd's limits were raised, or an outage outlasted the retries).
    /// Infected files stay quarantined; Clean ones need nothing.
    /// </summary>
    [ProblemResponses(StatusCodes.Status409Conflict)]
    private static async Task<Results<Accepted<FileResponse>, NotFound, ProblemHttpResult>> RescanAsync(
        Guid id, HttpContext http, DeliveryDbContext db, IMessageOutbox outbox, AuditTrail audit, CancellationToken cancellationToken)
    {
        var file = await db.Set<CatalogFile>().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (file is null)
        {
            return TypedResults.NotFound();
        }

        if (file.Status is not (FileStatuses.ScanFailed or FileStatuses.Pending))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                detail: file.Status == FileStatuses.Infected
                    ? "Infected files stay quarantined; upload a clean file instead."
                    : "The file is already Clean.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        file.Status = FileStatuses.Pending;
        file.ScanDetail = null;
        file.Version++;
        audit.Record(CatalogAuditActions.FileRescanRequested, "file", file.Id.ToString(), $"name={file.FileName}");
        await db.SaveChangesAsync(cancellationToken);
        // The dedupe key keeps a rescan of a file whose scan is still queued from adding a second message.
        await outbox.EnqueueAsync(new FileScanRequested(file.OrganizationId, file.Id), new EnqueueOptions { DedupeKey = $"scan:{file.Id}" }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Preconditions.SetETag(http, file.Version);
        return TypedResults.Accepted($"/api/v1/files/{file.Id}", FileResponse.From(file));
    }

    private static ProblemHttpResult InvalidUpload(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, type: ProblemTypes.InvalidUpload, title: "The upload is not valid.", detail: detail);

    private static async Task<long> DrainAsync(Stream body, long budget, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > budget)
            {
                break;
            }
        }

        return total;
    }

    internal static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
