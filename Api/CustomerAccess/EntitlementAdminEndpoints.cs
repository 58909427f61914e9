using System.Globalization;
using DigitalDelivery.Api.Audit;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.OpenApi;
using DigitalDelivery.Api.Problems;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Core.Catalog.Delivery;
using DigitalDelivery.Core.Deliveries;
using DigitalDelivery.Core.Entitlements;
using DigitalDelivery.Core.Fulfillment.Messaging;
using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.CustomerAccess;

/// <summary>
/// Operators' control of entitlements (scope downloads:admin, every change audited): list an order's, read one,
/// revoke, reissue the links, extend, reset the download count. Each change takes effect at once, because the
/// download endpoint re-reads the entitlement on every request; revoke and reissue also retire outstanding links.
/// </summary>
public static class EntitlementAdminEndpoints
{
    public const int MaxReasonLength = 500;

    public static IEndpointRouteBuilder MapEntitlementAdminEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/orders/{orderId:guid}/entitlements", ListForOrderAsync)
            .WithTags("Entitlements")
            .RequireAuthorization(Scopes.DownloadsAdmin);
        var group = app.MapGroup("/api/v1/entitlements")
            .WithTags("Entitlements")
            .RequireAuthorization(Scopes.DownloadsAdmin)
            .RequireRateLimiting(RateLimitPolicies.WritesPerClient)
            .WithAuditTrail("download_access");
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/{id:guid}/revoke", RevokeAsync);
        group.MapPost("/{id:guid}/reissue", ReissueAsync);
        group.MapPost("/{id:guid}/extend", ExtendAsync);
        group.MapPost("/{id:guid}/reset-count", ResetCountAsync);
        return app;
    }

    private static async Task<Results<Ok<List<EntitlementResponse>>, NotFound>> ListForOrderAsync(
        Guid orderId, DeliveryDbContext db, EntitlementViews views, CancellationToken cancellationToken)
    {
        if (!await db.Set<Order>().AnyAsync(o => o.Id == orderId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var list = await views.ForOrderAsync(orderId, cancellationToken);
        return TypedResults.Ok(list.Select(EntitlementResponse.From).ToList());
    }

    private static async Task<Results<Ok<EntitlementResponse>, NotFound>> GetAsync(
        Guid id, EntitlementViews views, CancellationToken cancellationToken) =>
        await views.FindAsync(id, cancellationToken) is { } view ? TypedResults.Ok(EntitlementResponse.From(view)) : TypedResults.NotFound();

    [ProblemResponses(StatusCodes.Status409Conflict)]
    private static async Task<Results<Ok<EntitlementResponse>, NotFound, ValidationProblem, ProblemHttpResult>> RevokeAsync(
        Guid id, RevokeRequest request, DeliveryDbContext db, DownloadLinks links, EntitlementViews views, AuditTrail audit,
        MerchantEvents events, TimeProvider time, CancellationToken cancellationToken)
    {
        var reason = request.Reason?.Trim();
        if (reason is not { Length: > 0 and <= MaxReasonLength })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["reason"] = [$"A reason of 1 to {MaxReasonLength} characters is required."],
            });
        }

        var (access, refusal) = await ChangeLiveAsync(db, id, async access =>
        {
            access.Revoke(reason, time.GetUtcNow());
            await links.RetireFileLinksAsync(access.Id, cancellationToken);
            audit.Record(EntitlementAuditActions.Revoked, "download_access", access.Id.ToString(), $"revoked: {reason}");
            await db.SaveChangesAsync(cancellationToken);
            await events.PublishAsync(access.OrganizationId, MerchantEventTypes.EntitlementRevoked, access.Id.ToString("N"),
                new EntitlementRevokedData(access.Id, access.OrderId, access.ProductId, access.CustomerEmail, reason, time.GetUtcNow()), cancellationToken);
        }, cancellationToken);
        if (access is null)
        {
            return TypedResults.NotFound();
        }

        return refusal is not null ? refusal : TypedResults.Ok(EntitlementResponse.From(await views.ViewAsync(access, cancellationToken)));
    }

    /// <summary>
    /// New links for a customer whose links leaked or got lost: the order's page links and this entitlement's file
    /// links stop working now, and DeliveryWorker mints a new page link and mails it (the token never sits in the queue).
    /// </summary>
    [ProblemResponses(StatusCodes.Status409Conflict)]
    private static async Task<Results<Accepted<EntitlementResponse>, NotFound, ProblemHttpResult>> ReissueAsync(
        Guid id, DeliveryDbContext db, DownloadLinks links, IMessageOutbox outbox, EntitlementViews views, AuditTrail audit,
        CancellationToken cancellationToken)
    {
        var (access, refusal) = await ChangeLiveAsync(db, id, async access =>
        {
            var retiredPages = await links.RetireOrderLinksAsync(access.OrderId, cancellationToken);
            var retiredFiles = await links.RetireFileLinksAsync(access.Id, cancellationToken);
            await outbox.EnqueueAsync(
                new OrderAccessDeliveryRequested(access.OrganizationId, access.OrderId, [DeliveryDestinations.Email]),
                cancellationToken: cancellationToken);
            audit.Record(EntitlementAuditActions.Reissued, "download_access", access.Id.ToString(), string.Create(
                CultureInfo.InvariantCulture, $"retired {retiredPages} page and {retiredFiles} file links; new page link mailed to the customer"));
        }, cancellationToken);
        if (access is null)
        {
            return TypedResults.NotFound();
        }

        return refusal is not null ? refusal : TypedResults.Accepted((string?)null, EntitlementResponse.From(await views.ViewAsync(access, cancellationToken)));
    }

    [ProblemResponses(StatusCodes.Status409Conflict)]
    private static async Task<Results<Ok<EntitlementResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ExtendAsync(
        Guid id, ExtendRequest request, DeliveryDbContext db, ExpiryNotices notices, EntitlementViews views, AuditTrail audit,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if ((request.ExpiresAt is null) == (request.Days is null))
        {
            return Invalid("expires_at", "Send either expires_at or days.");
        }

        if (request.Days is { } days && days is < 1 or > 36_500)
        {
            return Invalid("days", "days must be between 1 and 36500.");
        }

        if (request.ExpiresAt is { } requested && requested <= now)
        {
            return Invalid("expires_at", "expires_at must be in the future.");
        }

        var (access, refusal) = await ChangeLiveAsync(db, id, async access =>
        {
            var previous = access.ExpiresAt;
            var from = previous is { } current && current > now ? current : now;
            access.ExpiresAt = ExpiryNotices.AsStored(request.ExpiresAt ?? from.AddDays(request.Days!.Value));
            access.ExpiryNoticeSentAt = null;
            access.Version++;
            await notices.ScheduleAsync(access, cancellationToken);
            audit.Record(EntitlementAuditActions.Extended, "download_access", access.Id.ToString(), string.Create(
                CultureInfo.InvariantCulture, $"expiry {previous?.ToString("O", CultureInfo.InvariantCulture) ?? "never"} -> {access.ExpiresAt:O}"));
        }, cancellationToken);
        if (access is null)
        {
            return TypedResults.NotFound();
        }

        return refusal is not null ? refusal : TypedResults.Ok(EntitlementResponse.From(await views.ViewAsync(access, cancellationToken)));
    }

    [ProblemResponses(StatusCodes.Status409Conflict)]
    private static async Task<Results<Ok<EntitlementResponse>, NotFound, ProblemHttpResult>> ResetCountAsync(
        Guid id, DeliveryDbContext db, EntitlementViews views, AuditTrail audit, CancellationToken cancellationToken)
    {
        var (access, refusal) = await ChangeLiveAsync(db, id, access =>
        {
            var used = access.DownloadsUsed;
            access.DownloadsUsed = 0;
            access.Version++;
            audit.Record(EntitlementAuditActions.CountReset, "download_access", access.Id.ToString(),
                string.Create(CultureInfo.InvariantCulture, $"downloads used {used} -> 0"));
            return Task.CompletedTask;
        }, cancellationToken);
        if (access is null)
        {
            return TypedResults.NotFound();
        }

        return refusal is not null ? refusal : TypedResults.Ok(EntitlementResponse.From(await views.ViewAsync(access, cancellationToken)));
    }

    /// <summary>
    /// One admin action on a live entitlement, in a transaction under its row lock: null access is 404, a revoked one
    /// is refused with 409 (nothing changes), otherwise <paramref name="change"/> runs and everything commits together.
    /// </summary>
    private static async Task<(DownloadAccess? Access, ProblemHttpResult? Refusal)> ChangeLiveAsync(
        DeliveryDbContext db, Guid id, Func<DownloadAccess, Task> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var access = await LockAsync(db, id, cancellationToken);
        if (access is null || access.IsRevoked)
        {
            return (access, access is null ? null : Revoked(access));
        }

        await change(access);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (access, null);
    }

    /// <summary>
    /// Row lock for the rest of the transaction: the download endpoint's conditional count update waits for it, so
    /// a reset or revoke never races a download into a lost update. The tenant filter applies (404 for others).
    /// </summary>
    private static Task<DownloadAccess?> LockAsync(DeliveryDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Set<DownloadAccess>().FromSql($"SELECT * FROM download_access WHERE id = {id} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);

    private static ProblemHttpResult Revoked(DownloadAccess access) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        type: ProblemTypes.EntitlementRevoked,
        title: "The entitlement is revoked.",
        detail: $"It was revoked at {access.RevokedAt:O}: {access.RevokedReason}");

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
