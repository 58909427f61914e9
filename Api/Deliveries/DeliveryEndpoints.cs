using DigitalDelivery.Api.Audit;
using DigitalDelivery.Api.Destinations;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.OpenApi;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Core.Deliveries.Attempts;
using DigitalDelivery.Core.Deliveries.Messaging;
using DigitalDelivery.Core.Deliveries.Requests;
using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.Deliveries;

/// <summary>
/// Deliveries to the organization's destinations. Producers submit delivery requests (scope deliveries:write);
/// operators (deliveries:admin) search them, read one with every attempt, and handle the dead letters of deliveries,
/// the failed ones: retry one, replay a destination's failures since a time, purge one or older ones.
/// </summary>
public static class DeliveryEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 200;
    private const int ReplayChunk = 500;

    public static IEndpointRouteBuilder MapDeliveryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/deliveries", SubmitAsync)
            .WithTags("Deliveries")
            .RequireAuthorization(Scopes.DeliveriesWrite)
            .RequireRateLimiting(RateLimitPolicies.WritesPerClient);

        var group = app.MapGroup("/api/v1/deliveries")
            .WithTags("Deliveries")
            .RequireAuthorization(Scopes.DeliveriesAdmin)
            .RequireRateLimiting(RateLimitPolicies.WritesPerClient)
            .WithAuditTrail("delivery");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/{id:guid}/retry", RetryAsync);
        group.MapDelete("/{id:guid}", DeleteAsync);
        group.MapPost("/replay", ReplayAsync);
        group.MapPost("/purge", PurgeAsync);
        return app;
    }

    private static Task<Results<Accepted<SubmittedDeliveriesResponse>, Ok<SubmittedDeliveriesResponse>, ValidationProblem>> SubmitAsync(
        SubmitDeliveryRequest request, DeliverySubmission submission, CancellationToken cancellationToken) =>
        submission.SubmitAsync(request, cancellationToken);

    private static async Task<Results<Ok<DeliveryResponse[]>, ValidationProblem>> ListAsync(
        DeliveryDbContext db,
        string? status,
        [FromQuery(Name = "destination_id")] Guid? destinationId,
        [FromQuery(Name = "event_type")] string? eventType,
        [FromQuery(Name = "correlation_id")] Guid? correlationId,
        string? tag,
        [FromQuery(Name = "created_after")] DateTimeOffset? createdAfter,
        [FromQuery(Name = "created_before")] DateTimeOffset? createdBefore,
        int? limit,
        Guid? before,
        CancellationToken cancellationToken)
    {
        if (status is not (null or DeliveryStatuses.Pending or DeliveryStatuses.Delivered or DeliveryStatuses.Failed))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["status must be pending, delivered or failed."] });
        }

        if (limit is < 1 or > MaxLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit must be between 1 and {MaxLimit}."] });
        }

        var query = db.Set<Delivery>().AsNoTracking();
        query = status is null ? query : query.Where(d => d.Status == status);
        query = destinationId is null ? query : query.Where(d => d.DestinationId == destinationId);
        query = eventType is null ? query : query.Where(d => d.EventType == eventType);
        query = correlationId is null ? query : query.Where(d => d.CorrelationId == correlationId);
        query = tag is null ? query : query.Where(d => d.Tags.Contains(tag));
        query = createdAfter is null ? query : query.Where(d => d.CreatedAt >= createdAfter);
        query = createdBefore is null ? query : query.Where(d => d.CreatedAt < createdBefore);
        query = before is null ? query : query.Where(d => d.Id.CompareTo(before.Value) < 0);

        // Ids are UUIDv7: newest first by id is newest first by creation, and `before` is a stable cursor.
        var page = await query.OrderByDescending(d => d.Id).Take(limit ?? DefaultLimit).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.Select(d => DeliveryResponse.From(d)).ToArray());
    }

    private static async Task<Results<Ok<DeliveryResponse>, NotFound>> GetAsync(Guid id, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Set<Delivery>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken) is not { } delivery)
        {
            return TypedResults.NotFound();
        }

        var attempts = await db.Set<DeliveryAttempt>().AsNoTracking().Where(a => a.DeliveryId == id).ToListAsync(cancellationToken);
        return TypedResults.Ok(DeliveryResponse.From(delivery, attempts));
    }

    [ProblemResponses(StatusCodes.Status409Conflict)]
    private static async Task<Results<Accepted<DeliveryResponse>, NotFound, ProblemHttpResult>> RetryAsync(
        Guid id, DeliveryDbContext db, IMessageOutbox outbox, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var delivery = await db.Set<Delivery>().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (delivery is null)
        {
            return TypedResults.NotFound();
        }

        if (delivery.Status != DeliveryStatuses.Failed)
        {
            return NotFailed(delivery);
        }

        Requeue(delivery, time.GetUtcNow());
        audit.Record(DestinationAuditActions.DeliveryRetried, "delivery", delivery.Id.ToString(), $"after {delivery.Attempts} attempts: {delivery.LastError}");
        await db.SaveChangesAsync(cancellationToken);
        await outbox.EnqueueNextAttemptsAsync([delivery], notBefore: null, time, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Accepted($"/api/v1/deliveries/{delivery.Id}", DeliveryResponse.From(delivery));
    }

    /// <summary>Replays a destination's failed deliveries in chunks, each chunk's state and messages in one transaction.</summary>
    private static async Task<Results<Ok<DeliveryCountResponse>, ValidationProblem>> ReplayAsync(
        ReplayDeliveriesRequest request, DeliveryDbContext db, IMessageOutbox outbox, AuditTrail audit, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await UnknownDestinationAsync(db, request.DestinationId, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        var total = 0;
        while (true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var chunk = await db.Set<Delivery>()
                .Where(d => d.DestinationId == request.DestinationId && d.Status == DeliveryStatuses.Failed && d.FailedAt >= request.Since)
                .OrderBy(d => d.Id).Take(ReplayChunk).ToListAsync(cancellationToken);
            if (chunk.Count == 0)
            {
                break;
            }

            var now = time.GetUtcNow();
            chunk.ForEach(d => Requeue(d, now));
            await db.SaveChangesAsync(cancellationToken);
            await outbox.EnqueueNextAttemptsAsync(chunk, notBefore: null, time, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            total += chunk.Count;
        }

        audit.Record(DestinationAuditActions.DeliveriesReplayed, "destination", request.DestinationId.ToString(), $"{total} failed since {request.Since:O}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new DeliveryCountResponse(total));
    }

    [ProblemResponses(StatusCodes.Status409Conflict)]
    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        Guid id, DeliveryDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var delivery = await db.Set<Delivery>().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (delivery is null)
        {
            return TypedResults.NotFound();
        }

        if (delivery.Status != DeliveryStatuses.Failed)
        {
            return NotFailed(delivery);
        }

        db.Remove(delivery);
        audit.Record(DestinationAuditActions.DeliveriesPurged, "delivery", delivery.Id.ToString(), delivery.LastError);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<DeliveryCountResponse>, ValidationProblem>> PurgeAsync(
        PurgeDeliveriesRequest request, DeliveryDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (await UnknownDestinationAsync(db, request.DestinationId, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        var failed = db.Set<Delivery>().Where(d => d.Status == DeliveryStatuses.Failed && d.FailedAt < request.FailedBefore);
        failed = request.DestinationId is null ? failed : failed.Where(d => d.DestinationId == request.DestinationId);
        var purged = await failed.ExecuteDeleteAsync(cancellationToken);
        audit.Record(DestinationAuditActions.DeliveriesPurged, "destination", request.DestinationId?.ToString() ?? "*", $"{purged} failed before {request.FailedBefore:O}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new DeliveryCountResponse(purged));
    }

    private static async Task<ValidationProblem?> UnknownDestinationAsync(DeliveryDbContext db, Guid? destinationId, CancellationToken cancellationToken) =>
        destinationId is null || await db.Set<Core.Deliveries.Destinations.Destination>().AnyAsync(d => d.Id == destinationId, cancellationToken)
            ? null
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["destination_id"] = ["This organization has no destination with that id."] });

    // A retry by hand gives the delivery a full budget again; its attempts so far stay in its history.
    private static void Requeue(Delivery delivery, DateTimeOffset now)
    {
        delivery.Status = DeliveryStatuses.Pending;
        delivery.AttemptsBeforeRetry = delivery.Attempts;
        delivery.NextAttemptAt = now;
        delivery.FailedAt = null;
    }

    private static ProblemHttpResult NotFailed(Delivery delivery) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        detail: $"Only failed deliveries are retried or purged by hand; this one is {delivery.Status}.",
        extensions: new Dictionary<string, object?> { ["current_status"] = delivery.Status });
}
