using DigitalDelivery.Api.OpenApi;
using DigitalDelivery.Core.Catalog.Files;
using DigitalDelivery.Core.Downloads;
using DigitalDelivery.Core.Entitlements;
using DigitalDelivery.Core.Storage;
using DigitalDelivery.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DigitalDelivery.Api.Downloads;

/// <summary>
/// GET/HEAD /api/v1/downloads/{token}: the public download of one file link (docs/downloads.md). Every request reads
/// the link and its entitlement afresh (one query), so a revoke stops the next Range request of a download already
/// under way. Answers, checked in this order: 400 malformed token, 404 unknown (or not a file) token, 403 revoked,
/// 410 expired, 403 limit reached, 404 file not Clean, 416 unsatisfiable range, else the bytes or a redirect.
/// </summary>
public static class DownloadEndpoints
{
    public const string Route = "/api/v1/downloads/{token}";

    public static IEndpointRouteBuilder MapDownloadEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods(Route, [HttpMethods.Get, HttpMethods.Head], DownloadAsync)
            .WithTags("Downloads")
            .AllowAnonymous()
            .DisableRateLimiting(); // InvalidTokenLimiter: only bad tokens count, so valid downloads never wait for Redis
        app.MapDownloadAttemptEndpoints();
        return app;
    }

    [ProblemResponses(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status410Gone, StatusCodes.Status416RangeNotSatisfiable, StatusCodes.Status503ServiceUnavailable)]
    private static async Task<Results<ProblemHttpResult, RedirectHttpResult, StreamedDownloadResult>> DownloadAsync(
        string token,
        HttpContext http,
        DownloadGrants grants,
        InvalidTokenLimiter limiter,
        TenantContext tenant,
        TimeProvider time,
        IOptions<DownloadOptions> options,
        CancellationToken cancellationToken)
    {
        DownloadFileHeaders.NoStore(http.Response);
        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (limiter.Blocked(ip) is { } blocked)
        {
            return RateLimited(http, blocked);
        }

        if (!DownloadToken.TryHash(token, out var hash))
        {
            return await limiter.CountAsync(ip, cancellationToken) is { } retryAfter ? RateLimited(http, retryAfter) : DownloadProblems.InvalidToken();
        }

        var userAgent = http.Request.Headers.UserAgent.ToString();
        var fingerprint = ClientFingerprint.Of(ip, userAgent);
        var now = time.GetUtcNow();
        DownloadGrant? grant;
        try
        {
            grant = await grants.FindAsync(hash, fingerprint, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return DownloadProblems.Unavailable();
        }

        // An order link opens the customer's page; it is not a download token.
        if (grant is not { Kind: DownloadLinkKinds.File, DownloadAccessId: not null })
        {
            return await limiter.CountAsync(ip, cancellationToken) is { } retryAfter ? RateLimited(http, retryAfter) : DownloadProblems.UnknownToken();
        }

        // The link decides the tenant (a public endpoint: TenantResolutionMiddleware ignores any bearer token here).
        tenant.SetOrganization(grant.OrganizationId);

        var record = new DownloadAttemptRecord { FileId = grant.File?.FileId };
        LogWhenCompleted(http, grant, record, ip, userAgent, now);
        try
        {
            return await DecideAsync(http, grant, fingerprint, now, record, options.Value, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException || BlobFailures.IsStorageFailure(ex))
        {
            record.Set(StatusCodes.Status503ServiceUnavailable, DownloadOutcomes.Interrupted, "service unavailable");
            return DownloadProblems.Unavailable();
        }
    }

    private static async Task<Results<ProblemHttpResult, RedirectHttpResult, StreamedDownloadResult>> DecideAsync(
        HttpContext http, DownloadGrant grant, byte[] fingerprint, DateTimeOffset now, DownloadAttemptRecord record, DownloadOptions options,
        CancellationToken cancellationToken)
    {
        if (grant.AccessRevokedAt is not null || grant.LinkRevokedAt is not null)
        {
            record.Set(StatusCodes.Status403Forbidden, DownloadOutcomes.Revoked, grant.AccessRevokedAt is not null ? "access revoked" : "link revoked");
            return DownloadProblems.Revoked();
        }

        if (grant.AccessExpiresAt <= now || grant.LinkExpiresAt <= now)
        {
            record.Set(StatusCodes.Status410Gone, DownloadOutcomes.Expired, grant.AccessExpiresAt <= now ? "access expired" : "link expired");
            return DownloadProblems.Expired();
        }

        // A client inside an open session may go on (its session already counted) even when the limit is reached.
        var sessionOpen = grant.SessionLastSeenAt > now - options.SessionWindow;
        if (grant.MaxDownloads is { } max && grant.DownloadsUsed >= max && !sessionOpen)
        {
            record.Set(StatusCodes.Status403Forbidden, DownloadOutcomes.LimitReached);
            return DownloadProblems.LimitReached();
        }

        if (grant.File is not { } file)
        {
            record.Set(StatusCodes.Status404NotFound, DownloadOutcomes.FileUnavailable, "no clean file");
            return DownloadProblems.FileUnavailable();
        }

        var eTag = DownloadFileHeaders.ETag(file);
        var ranges = RangeRequest.Resolve(http.Request, file.SizeBytes, eTag, options.MaxRanges);
        if (ranges.IsUnsatisfiable)
        {
            DownloadFileHeaders.Describe(http.Response, file, eTag);
            http.Response.Headers.ContentRange = $"bytes */{file.SizeBytes}";
            record.Set(StatusCodes.Status416RangeNotSatisfiable, DownloadOutcomes.RangeNotSatisfiable);
            return DownloadProblems.RangeNotSatisfiable();
        }

        var plan = new DownloadPlan(grant, file, fingerprint, now, ranges.Ranges, eTag, record);
        var isHead = HttpMethods.IsHead(http.Request.Method);
        if (isHead || options.Mode != DownloadServingMode.Redirect)
        {
            return new StreamedDownloadResult(plan, isHead);
        }

        // Signed before admission: without a user delegation key (logged) the file is streamed, and counted there.
        var container = http.RequestServices.GetRequiredService<CatalogFileStorage>().Container;
        var url = await http.RequestServices.GetRequiredService<BlobReadLinks>().TryCreateAsync(
            container, file.BlobName, now + options.RedirectLifetime, DownloadFileHeaders.ContentDisposition(file), cancellationToken);
        if (url is null)
        {
            return new StreamedDownloadResult(plan, headOnly: false);
        }

        // Redirect mode: the redirect is the moment bytes are handed out, so it is what counts.
        var admission = await http.RequestServices.GetRequiredService<DownloadSessions>().AdmitAsync(grant, fingerprint, now, cancellationToken);
        if (Refusal(admission, record) is { } refused)
        {
            return refused;
        }

        record.Counted = admission == SessionAdmission.Opened;
        record.Set(StatusCodes.Status302Found, DownloadOutcomes.Redirected);
        return TypedResults.Redirect(url.AbsoluteUri);
    }

    private static ProblemHttpResult RateLimited(HttpContext http, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return DownloadProblems.RateLimited(seconds);
    }

    /// <summary>Writes the problem for a refused admission; true when it was refused.</summary>
    internal static async Task<bool> RefuseAsync(HttpContext http, SessionAdmission admission, DownloadAttemptRecord record)
    {
        if (Refusal(admission, record) is not { } problem)
        {
            return false;
        }

        await problem.ExecuteAsync(http);
        return true;
    }

    private static ProblemHttpResult? Refusal(SessionAdmission admission, DownloadAttemptRecord record)
    {
        switch (admission)
        {
            case SessionAdmission.LimitReached:
                record.Set(StatusCodes.Status403Forbidden, DownloadOutcomes.LimitReached);
                return DownloadProblems.LimitReached();
            case SessionAdmission.Revoked:
                record.Set(StatusCodes.Status403Forbidden, DownloadOutcomes.Revoked, "revoked while counting");
                return DownloadProblems.Revoked();
            case SessionAdmission.Expired:
                record.Set(StatusCodes.Status410Gone, DownloadOutcomes.Expired, "expired while counting");
                return DownloadProblems.Expired();
            default:
                return null;
        }
    }

    // After the response, so the log never delays a download; the record knows by then how many bytes went out.
    private static void LogWhenCompleted(HttpContext http, DownloadGrant grant, DownloadAttemptRecord record, string ip, string userAgent, DateTimeOffset now)
    {
        var log = http.RequestServices.GetRequiredService<DownloadAttemptLog>();
        var store = http.RequestServices.GetRequiredService<DownloadAttemptStore>();
        var method = http.Request.Method;
        var range = http.Request.Headers.Range.ToString();
        http.Response.OnCompleted(async () =>
        {
            var attempt = new DownloadAttempt
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = grant.OrganizationId,
                OrderId = grant.OrderId,
                DownloadAccessId = grant.DownloadAccessId!.Value,
                FileId = record.FileId,
                OccurredAt = now,
                Method = method,
                IpAddress = ip,
                UserAgent = DownloadAttemptLimits.Cut(string.IsNullOrEmpty(userAgent) ? null : userAgent, DownloadAttemptLimits.UserAgent),
                Range = DownloadAttemptLimits.Cut(string.IsNullOrEmpty(range) ? null : range, DownloadAttemptLimits.Range),
                StatusCode = record.StatusCode != 0 ? record.StatusCode : http.Response.StatusCode,
                BytesSent = record.BytesSent,
                Outcome = record.Outcome,
                Reason = DownloadAttemptLimits.Cut(record.Reason, DownloadAttemptLimits.Reason),
                Counted = record.Counted,
            };
            if (!await log.AddAsync(attempt))
            {
                // The log has shut down (the host is stopping): write this one straight away.
                await store.InsertAsync([attempt], CancellationToken.None);
            }
        });
    }
}
