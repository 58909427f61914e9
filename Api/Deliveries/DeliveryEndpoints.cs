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
/// Deliveries to the organization's destinations (scope deliveries:admin): search them, read one with every attempt,
/// and retry a failed one (the dead letters of deliveries are the failed ones: <c>?status=failed</c>).
/// </summary>
public static class DeliveryEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapDeliveryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/deliveries")
            .WithTags("Deliveries")
            .RequireAuthorization(Scopes.DeliveriesAdmin)
            .RequireRateLimiting(RateLimitPolicies.WritesPerClient)
            .WithAuditTrail("delivery");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/{id:guid}/retry", RetryAsync);
        return app;
    }

    private static async Task<Results<Ok<DeliveryResponse[]>, ValidationProblem>> ListAsync(
        DeliveryDbContext db,
        string? status,
        [FromQuery(Name = "destination_id")] Guid? destinationId,
        [FromQuery(Name = "event_type")] string? eventType,
        [FromQuery(Name = "correlation_id")] Guid? correlationId,
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
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                detail: $"Only failed deliveries are retried by hand; this one is {delivery.Status}.",
                extensions: new Dictionary<string, object?> { ["current_status"] = delivery.Status });
        }

        var now = time.GetUtcNow();
        delivery.Status = DeliveryStatuses.Pending;
        delivery.AttemptsBeforeRetry = delivery.Attempts;
        delivery.NextAttemptAt = now;
        audit.Record(DestinationAuditActions.DeliveryRetried, "delivery", delivery.Id.ToString(), $"after {delivery.Attempts} attempts: {delivery.LastError}");
        await db.SaveChangesAsync(cancellationToken);
        await outbox.EnqueueAsync(
            new DeliveryAttemptDue(delivery.OrganizationId, delivery.Id),
            new EnqueueOptions { MessageId = Guid.CreateVersion7(now) },
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Accepted($"/api/v1/deliveries/{delivery.Id}", DeliveryResponse.From(delivery));
    }
}
