using DigitalDelivery.Api.Audit;
using DigitalDelivery.Api.Catalog.Common;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Core.Deliveries.Alerts;
using DigitalDelivery.Core.Deliveries.Destinations;
using DigitalDelivery.Core.Deliveries.Health;
using DigitalDelivery.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.Destinations;

/// <summary>
/// Destinations' health (scope deliveries:admin), computed when asked from each destination's row and attempts with
/// the organization's alert thresholds, and an operator's disable and enable (audited). Enabling clears the run of
/// failures, so a destination disabled for failing is not disabled again at once for the same run.
/// </summary>
public static class DestinationHealthEndpoints
{
    private const int MaxReasonLength = 500;

    public static IEndpointRouteBuilder MapDestinationHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/destinations")
            .WithTags("Destinations")
            .RequireAuthorization(Scopes.DeliveriesAdmin)
            .RequireRateLimiting(RateLimitPolicies.WritesPerClient)
            .WithAuditTrail("destination");
        group.MapGet("/health", ListAsync);
        group.MapGet("/{id:guid}/health", GetAsync);
        group.MapPost("/{id:guid}/disable", DisableAsync);
        group.MapPost("/{id:guid}/enable", EnableAsync);
        return app;
    }

    private static async Task<Ok<DestinationHealthResponse[]>> ListAsync(DeliveryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var destinations = await db.Set<Destination>().AsNoTracking().OrderBy(d => d.CreatedAt).ToListAsync(cancellationToken);
        var policy = await AlertPolicy.LoadAsync(db, cancellationToken);
        var health = await DestinationHealthReader.ReadAsync(db, destinations, policy, now, withTotals: false, cancellationToken);
        return TypedResults.Ok(health.Select(h => DestinationHealthResponse.From(h, now, withTotals: false)).ToArray());
    }

    private static async Task<Results<Ok<DestinationHealthResponse>, NotFound>> GetAsync(
        Guid id, DeliveryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await db.Set<Destination>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken) is not { } destination)
        {
            return TypedResults.NotFound();
        }

        var now = time.GetUtcNow();
        var policy = await AlertPolicy.LoadAsync(db, cancellationToken);
        var health = await DestinationHealthReader.ReadAsync(db, [destination], policy, now, withTotals: true, cancellationToken);
        return TypedResults.Ok(DestinationHealthResponse.From(health[0], now, withTotals: true));
    }

    private static async Task<Results<Ok<DestinationResponse>, NotFound, ValidationProblem>> DisableAsync(
        Guid id, DisableDestinationRequest? request, HttpContext http, DeliveryDbContext db, AuditTrail audit, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var reason = request?.Reason?.Trim() is { Length: > 0 } given ? given : "disabled by an operator";
        if (reason.Length > MaxReasonLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [$"reason must be at most {MaxReasonLength} characters."] });
        }

        return await ChangeAsync(id, enabled: false, reason, http, db, audit, time, cancellationToken);
    }

    private static async Task<Results<Ok<DestinationResponse>, NotFound, ValidationProblem>> EnableAsync(
        Guid id, HttpContext http, DeliveryDbContext db, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken) =>
        await ChangeAsync(id, enabled: true, reason: "", http, db, audit, time, cancellationToken);

    // Idempotent: disabling a disabled destination (or enabling an enabled one) changes and records nothing.
    private static async Task<Results<Ok<DestinationResponse>, NotFound, ValidationProblem>> ChangeAsync(
        Guid id, bool enabled, string reason, HttpContext http, DeliveryDbContext db, AuditTrail audit, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await db.Set<Destination>().SingleOrDefaultAsync(d => d.Id == id, cancellationToken) is not { } destination)
        {
            return TypedResults.NotFound();
        }

        var now = time.GetUtcNow();
        if (destination.Enabled != enabled)
        {
            var previously = destination.DisabledReason;
            DestinationEndpoints.SetEnabled(destination, enabled, http, reason, now);
            destination.UpdatedAt = now;
            destination.Version++;
            audit.Record(
                enabled ? DestinationAuditActions.Enabled : DestinationAuditActions.Disabled, "destination", destination.Id.ToString(),
                enabled ? $"{destination.Name} enabled (was disabled: {previously})" : $"{destination.Name} disabled: {reason}");
            await db.SaveChangesAsync(cancellationToken);
        }

        Preconditions.SetETag(http, destination.Version);
        return TypedResults.Ok(DestinationResponse.From(destination, now));
    }
}
