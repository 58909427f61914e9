using System.Text;
using DigitalDelivery.Api.OpenApi;
using DigitalDelivery.Api.Problems;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Core.Deliveries.Handlers;
using DigitalDelivery.Core.Deliveries.Links;
using DigitalDelivery.Core.Deliveries.Requests;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.Deliveries;

/// <summary>
/// The links of download destinations (anonymous, like customers' file links): the token says whose delivery it is,
/// how many downloads it allows and until when. The count is taken in one conditional update, so concurrent
/// requests never go past the limit; every request, answered or refused, is logged for the merchant.
/// </summary>
public static class DeliveryLinkEndpoints
{
    public static IEndpointRouteBuilder MapDeliveryLinkEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/delivery-links/{token}", DownloadAsync)
            .WithTags("Deliveries")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.PublicPerIp);
        app.MapGet("/api/v1/delivery-links/{token}/files/{fileId:guid}", DownloadFileAsync)
            .WithTags("Deliveries")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.PublicPerIp);
        return app;
    }

    [ProblemResponses(StatusCodes.Status410Gone)]
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(
        string token, HttpContext http, DeliveryLinkTokens tokens, TenantContext tenant, DeliveryDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (delivery, refused) = await CountAsync(token, fileId: null, http, tokens, tenant, db, time, cancellationToken);
        return delivery is null
            ? refused!
            : TypedResults.File(Encoding.UTF8.GetBytes(delivery.Payload), "application/json", $"{delivery.EventType}-{delivery.Id}.json");
    }

    /// <summary>
    /// One of the delivery's files (listed in its payload), streamed from Blob storage; each counts as a download of
    /// the link. A file that was deleted or found infected since is gone, and that request is not counted.
    /// </summary>
    [ProblemResponses(StatusCodes.Status410Gone)]
    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadFileAsync(
        string token, Guid fileId, HttpContext http, DeliveryLinkTokens tokens, TenantContext tenant, DeliveryDbContext db,
        DeliveryFileContent content, TimeProvider time, CancellationToken cancellationToken)
    {
        var (delivery, refused) = await CountAsync(token, fileId, http, tokens, tenant, db, time, cancellationToken);
        if (delivery is null)
        {
            return refused!;
        }

        var file = (await DeliveryFiles.LoadAsync(db, [fileId], cancellationToken)).Single();
        return TypedResults.Stream(await content.OpenReadAsync(file, cancellationToken), file.ContentType, file.Name);
    }

    private static async Task<(Delivery? Delivery, ProblemHttpResult? Refused)> CountAsync(
        string token, Guid? fileId, HttpContext http, DeliveryLinkTokens tokens, TenantContext tenant, DeliveryDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (tokens.Read(token) is not { } claim)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.InvalidDownloadToken, title: "This link is not valid."));
        }

        tenant.SetOrganization(claim.OrganizationId);
        var now = time.GetUtcNow();
        if (claim.ExpiresAt <= now)
        {
            await LogAsync(db, http, claim, StatusCodes.Status410Gone, counted: false, now, cancellationToken);
            return (null, Gone(ProblemTypes.DownloadExpired, $"This link expired at {claim.ExpiresAt:u}."));
        }

        if (fileId is { } id && !await DeliveryFiles.AvailableAsync(db, claim.DeliveryId, id, cancellationToken))
        {
            await LogAsync(db, http, claim, StatusCodes.Status410Gone, counted: false, now, cancellationToken);
            return (null, Gone(ProblemTypes.DownloadRevoked, "This delivery has no such file, or the file is no longer available."));
        }

        var max = claim.MaxDownloads;
        var counted = await db.Set<Delivery>()
            .Where(d => d.Id == claim.DeliveryId && d.Status == DeliveryStatuses.Delivered && d.DownloadCount < max)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.DownloadCount, d => d.DownloadCount + 1), cancellationToken);
        var delivery = await db.Set<Delivery>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == claim.DeliveryId, cancellationToken);
        if (delivery is null)
        {
            await LogAsync(db, http, claim, StatusCodes.Status410Gone, counted: false, now, cancellationToken);
            return (null, Gone(ProblemTypes.DownloadRevoked, "This delivery was deleted."));
        }

        if (counted == 0)
        {
            await LogAsync(db, http, claim, StatusCodes.Status410Gone, counted: false, now, cancellationToken);
            return (null, Gone(ProblemTypes.DownloadLimitReached, $"This link has been used {max} times, its limit."));
        }

        await LogAsync(db, http, claim, StatusCodes.Status200OK, counted: true, now, cancellationToken);
        return (delivery, null);
    }

    private static ProblemHttpResult Gone(string type, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status410Gone, type: type, title: "This link no longer works.", detail: detail);

    private static async Task LogAsync(
        DeliveryDbContext db, HttpContext http, DeliveryLinkClaim claim, int status, bool counted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var userAgent = http.Request.Headers.UserAgent.ToString();
        db.Add(new DeliveryLinkDownload
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = claim.OrganizationId,
            DeliveryId = claim.DeliveryId,
            OccurredAt = now,
            IpAddress = http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            UserAgent = userAgent.Length == 0 ? null : userAgent[..Math.Min(userAgent.Length, 512)],
            StatusCode = status,
            Counted = counted,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
