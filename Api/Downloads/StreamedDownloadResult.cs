using System.Buffers;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DigitalDelivery.Core.Catalog.Files;
using DigitalDelivery.Core.Downloads;
using DigitalDelivery.Core.Storage;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.Api.Downloads;

/// <summary>
/// Sends a file (whole, one range, or several as multipart/byteranges) from Blob storage through the Api with one
/// fixed buffer per request, however large the file. The session is admitted (and counted) only once the first
/// chunk has arrived from storage and right before it is written, so a request that sends nothing never counts.
/// Every part after the first is read on the condition that the blob still has the first part's ETag. The SDK's
/// download stream resumes by itself (on that ETag) when a read from storage fails midway.
/// HEAD answers the same status and headers without a body and without counting.
/// </summary>
internal sealed class StreamedDownloadResult(DownloadPlan plan, bool headOnly) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var services = httpContext.RequestServices;
        var blob = services.GetRequiredService<CatalogFileStorage>().Blob(plan.File.BlobName);
        var options = services.GetRequiredService<IOptions<DownloadOptions>>().Value;
        var response = httpContext.Response;
        var file = plan.File;
        var record = plan.Record;
        var parts = plan.Ranges ?? [new ByteRange(0, file.SizeBytes - 1)];
        var multipart = plan.Ranges is { Count: > 1 } ? new MultipartByteRanges(file.ContentType, file.SizeBytes) : null;
        var status = plan.Ranges is null ? StatusCodes.Status200OK : StatusCodes.Status206PartialContent;

        if (headOnly)
        {
            WriteHeaders(response, status, parts, multipart);
            record.Set(status, DownloadOutcomes.Head);
            return;
        }

        var cancellationToken = httpContext.RequestAborted;
        var buffer = ArrayPool<byte>.Shared.Rent(options.StreamBufferBytes);
        try
        {
            var first = await OpenAsync(blob, parts[0], plan.Ranges is null, default, cancellationToken);
            if (first is null)
            {
                record.Set(StatusCodes.Status404NotFound, DownloadOutcomes.FileUnavailable, "blob missing");
                await DownloadProblems.FileUnavailable().ExecuteAsync(httpContext);
                return;
            }

            var eTag = first.Details.ETag;
            using (first)
            {
                var firstRead = file.SizeBytes == 0 ? 0 : await first.Content.ReadAsync(buffer.AsMemory(0, options.StreamBufferBytes), cancellationToken);
                var sessions = services.GetRequiredService<DownloadSessions>();
                var admission = await sessions.AdmitAsync(plan.Grant, plan.ClientFingerprint, plan.Now, cancellationToken);
                if (await DownloadEndpoints.RefuseAsync(httpContext, admission, record))
                {
                    return;
                }

                record.Counted = admission == SessionAdmission.Opened;
                WriteHeaders(response, status, parts, multipart);
                await SendPartAsync(response, multipart, parts[0], first, buffer, firstRead, options.StreamBufferBytes, cancellationToken);
            }

            for (var i = 1; i < parts.Count; i++)
            {
                using var next = await OpenAsync(blob, parts[i], wholeFile: false, eTag, cancellationToken)
                    ?? throw new IOException("The blob disappeared during a multipart download.");
                await SendPartAsync(response, multipart, parts[i], next, buffer, 0, options.StreamBufferBytes, cancellationToken);
            }

            if (multipart is not null)
            {
                await response.Body.WriteAsync(multipart.Closing(), cancellationToken);
            }

            record.Set(status, DownloadOutcomes.Completed);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && cancellationToken.IsCancellationRequested)
        {
            record.Set(status, DownloadOutcomes.Interrupted, "client disconnected");
        }
        catch (Exception ex) when (BlobFailures.IsStorageFailure(ex) || ex is Npgsql.NpgsqlException or TimeoutException)
        {
            if (!response.HasStarted)
            {
                record.Set(StatusCodes.Status503ServiceUnavailable, DownloadOutcomes.Interrupted, "storage unavailable");
                await DownloadProblems.Unavailable().ExecuteAsync(httpContext);
            }
            else
            {
                // Headers and some bytes are out: the only honest signal left is a broken connection.
                record.Set(status, DownloadOutcomes.Interrupted, "storage failed mid-transfer");
                httpContext.Abort();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        async Task SendPartAsync(HttpResponse body, MultipartByteRanges? framing, ByteRange range, BlobDownloadStreamingResult source, byte[] chunk,
            int buffered, int chunkSize, CancellationToken token)
        {
            if (framing is not null)
            {
                await body.Body.WriteAsync(framing.PartHeader(range), token);
            }

            var remaining = range.Length;
            var count = buffered;
            while (remaining > 0)
            {
                if (count == 0)
                {
                    count = await source.Content.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunkSize, remaining)), token);
                    if (count == 0)
                    {
                        throw new IOException("Blob storage ended the file early.");
                    }
                }

                var take = (int)Math.Min(count, remaining);
                await body.Body.WriteAsync(chunk.AsMemory(0, take), token);
                record.BytesSent += take;
                remaining -= take;
                count = 0;
            }
        }
    }

    /// <summary>The whole blob or one range, streamed; null when the blob does not exist.</summary>
    private static async Task<BlobDownloadStreamingResult?> OpenAsync(BlobClient blob, ByteRange range, bool wholeFile, ETag ifMatch,
        CancellationToken cancellationToken)
    {
        try
        {
            BlobDownloadStreamingResult download = await blob.DownloadStreamingAsync(new BlobDownloadOptions
            {
                Range = wholeFile ? default : new HttpRange(range.From, range.Length),
                Conditions = ifMatch == default ? null : new BlobRequestConditions { IfMatch = ifMatch },
            }, cancellationToken);
            return download;
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    private void WriteHeaders(HttpResponse response, int status, IReadOnlyList<ByteRange> parts, MultipartByteRanges? multipart)
    {
        response.StatusCode = status;
        DownloadFileHeaders.Describe(response, plan.File, plan.ETag);
        if (multipart is not null)
        {
            response.ContentType = multipart.ContentType;
            response.ContentLength = multipart.ContentLength(parts);
            return;
        }

        response.ContentType = plan.File.ContentType;
        response.ContentLength = parts[0].Length;
        if (status == StatusCodes.Status206PartialContent)
        {
            response.Headers.ContentRange = parts[0].ContentRange(plan.File.SizeBytes);
        }
    }
}
