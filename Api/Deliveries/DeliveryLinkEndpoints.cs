using System.Text;
using DigitalDelivery.Api.OpenApi;
using DigitalDelivery.Api.Problems;
using DigitalDelivery.Api.RateLimiting;
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
        return app;
    }

    [ProblemResponses(StatusCodes.Status410Gone)]
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(
        string token, HttpContext http, DeliveryLinkTokens tokens, TenantContext tenant, DeliveryDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (tokens.Read(token) is not { } claim)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.InvalidDownloadToken, title: "This link is not valid.");
        }

        tenant.SetOrganization(claim.OrganizationId);
        var now = time.GetUtcNow();
        if (claim.ExpiresAt <= now)
        {
            await LogAsync(db, http, claim, StatusCodes.Status410Gone, counted: false, now, cancellationToken);
            return Gone(ProblemTypes.DownloadExpired, $"This link expired at {claim.ExpiresAt:u}.");
        }

        var max = claim.MaxDownloads;
        var counted = await db.Set<Delivery>()
            .Where(d => d.Id == claim.DeliveryId && d.Status == DeliveryStatuses.Delivered && d.DownloadCount < max)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.DownloadCount, d => d.DownloadCount + 1), cancellationToken);
        var delivery = await db.Set<Delivery>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == claim.DeliveryId, cancellationToken);
        if (delivery is null)
        {
            await LogAsync(db, http, claim, StatusCodes.Status410Gone, counted: false, now, cancellationToken);
            return Gone(ProblemTypes.DownloadRevoked, "This delivery was deleted.");
        }

        if (counted == 0)
        {
            await LogAsync(db, http, claim, StatusCodes.Status410Gone, counted: false, now, cancellationToken);
            return Gone(ProblemTypes.DownloadLimitReached, $"This link has been used {max} times, its limit.");
        }

        await LogAsync(db, http, claim, StatusCodes.Status200OK, counted: true, now, cancellationToken);
        return TypedResults.File(Encoding.UTF8.GetBytes(delivery.Payload), "application/json", $"{delivery.EventType}-{delivery.Id}.json");
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
