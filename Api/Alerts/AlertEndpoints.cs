using DigitalDelivery.Api.Audit;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.OpenApi;
using DigitalDelivery.Api.Problems;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Core.Deliveries;
using DigitalDelivery.Core.Deliveries.Alerts;
using DigitalDelivery.Core.Deliveries.Destinations;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.Alerts;

/// <summary>
/// The organization's alerts and alert rules (scope deliveries:admin). Health monitoring (DeliveryWorker) opens,
/// escalates and resolves alerts; operators acknowledge them (no more escalation) and may resolve them by hand, which
/// is announced like an automatic resolution and starts the same cooldown. Rules are the defaults until changed here.
/// </summary>
public static class AlertEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/alerts")
            .WithTags("Alerts")
            .RequireAuthorization(Scopes.DeliveriesAdmin)
            .RequireRateLimiting(RateLimitPolicies.WritesPerClient)
            .WithAuditTrail("alert");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/{id:guid}/acknowledge", AcknowledgeAsync);
        group.MapPost("/{id:guid}/resolve", ResolveAsync);
        group.MapGet("/rules", ListRulesAsync);
        group.MapPut("/rules/{rule}", UpdateRuleAsync);
        return app;
    }

    /// <summary>Newest first; <c>status</c> open, acknowledged, resolved or unresolved (open or acknowledged).</summary>
    private static async Task<Results<Ok<AlertResponse[]>, ValidationProblem>> ListAsync(
        DeliveryDbContext db, string? status, [FromQuery(Name = "destination_id")] Guid? destinationId, int? limit, Guid? before,
        CancellationToken cancellationToken)
    {
        if (status is not (null or "unresolved" or AlertStatuses.Open or AlertStatuses.Acknowledged or AlertStatuses.Resolved))
        {
            return Invalid("status", "status must be open, acknowledged, resolved or unresolved.");
        }

        if (limit is < 1 or > MaxLimit)
        {
            return Invalid("limit", $"limit must be between 1 and {MaxLimit}.");
        }

        var query = db.Set<Alert>().AsNoTracking();
        query = status switch
        {
            null => query,
            "unresolved" => query.Where(a => a.Status != AlertStatuses.Resolved),
            _ => query.Where(a => a.Status == status),
        };
        query = destinationId is null ? query : query.Where(a => a.DestinationId == destinationId);
        query = before is null ? query : query.Where(a => a.Id.CompareTo(before.Value) < 0);
        // Ids are UUIDv7: newest first by id is newest first by opening, and `before` is a stable cursor.
        var page = await query.OrderByDescending(a => a.Id).Take(limit ?? DefaultLimit).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.Select(AlertResponse.From).ToArray());
    }

    private static async Task<Results<Ok<AlertResponse>, NotFound>> GetAsync(Guid id, DeliveryDbContext db, CancellationToken cancellationToken) =>
        await db.Set<Alert>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is { } alert
            ? TypedResults.Ok(AlertResponse.From(alert))
            : TypedResults.NotFound();

    /// <summary>Someone is on it: it stops escalating, and still resolves when its condition clears. Idempotent.</summary>
    [ProblemResponses(StatusCodes.Status409Conflict)]
    private static async Task<Results<Ok<AlertResponse>, NotFound, ProblemHttpResult>> AcknowledgeAsync(
        Guid id, HttpContext http, DeliveryDbContext db, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await db.Set<Alert>().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } alert)
        {
            return TypedResults.NotFound();
        }

        if (alert.Status == AlertStatuses.Resolved)
        {
            return AlreadyResolved(alert);
        }

        if (alert.Status == AlertStatuses.Open)
        {
            alert.Status = AlertStatuses.Acknowledged;
            alert.AcknowledgedAt = time.GetUtcNow();
            alert.AcknowledgedBy = http.User.GetActorName();
            alert.Version++;
            audit.Record(AlertAuditActions.Acknowledged, "alert", alert.Id.ToString(), $"{alert.Rule}: {alert.Message}");
            if (await SaveAsync(db, cancellationToken) is { } conflict)
            {
                return conflict;
            }
        }

        return TypedResults.Ok(AlertResponse.From(alert));
    }

    /// <summary>Closes it now, announced as alert.resolved; the rule does not open it again for the cooldown (1 h).</summary>
    [ProblemResponses(StatusCodes.Status409Conflict)]
    private static async Task<Results<Ok<AlertResponse>, NotFound, ProblemHttpResult>> ResolveAsync(
        Guid id, HttpContext http, DeliveryDbContext db, MerchantEvents events, AuditTrail audit, TimeProvider time,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Set<Alert>().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } alert)
        {
            return TypedResults.NotFound();
        }

        if (alert.Status == AlertStatuses.Resolved)
        {
            return AlreadyResolved(alert);
        }

        alert.Status = AlertStatuses.Resolved;
        alert.ResolvedAt = time.GetUtcNow();
        alert.ResolvedBy = http.User.GetActorName();
        alert.Version++;
        audit.Record(AlertAuditActions.Resolved, "alert", alert.Id.ToString(), $"{alert.Rule}: {alert.Message}");
        var about = alert.DestinationId is { } destinationId
            ? await db.Set<Destination>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == destinationId, cancellationToken)
            : null;
        await AlertAnnouncements.PublishAsync(events, MerchantEventTypes.AlertResolved, alert, about, cancellationToken);
        if (await SaveAsync(db, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(AlertResponse.From(alert));
    }

    private static async Task<Ok<AlertRuleResponse[]>> ListRulesAsync(DeliveryDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await AlertPolicy.LoadAsync(db, cancellationToken)).Rules.Select(AlertRuleResponse.From).ToArray());

    private static async Task<Results<Ok<AlertRuleResponse>, NotFound, ValidationProblem>> UpdateRuleAsync(
        string rule, AlertRuleRequest request, DeliveryDbContext db, ITenantContext tenant, AuditTrail audit, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!AlertRules.IsKnown(rule))
        {
            return TypedResults.NotFound();
        }

        var current = (await AlertPolicy.LoadAsync(db, cancellationToken))[rule];
        var threshold = request.Threshold ?? current.Threshold;
        if (AlertRuleValidation.Check(rule, threshold) is { } error)
        {
            return Invalid("threshold", error);
        }

        var setting = await db.Set<AlertRuleSetting>().SingleOrDefaultAsync(s => s.Rule == rule, cancellationToken);
        if (setting is null)
        {
            setting = new AlertRuleSetting { OrganizationId = tenant.OrganizationId!.Value, Rule = rule };
            db.Add(setting);
        }

        setting.Enabled = request.Enabled ?? current.Enabled;
        setting.Threshold = threshold;
        setting.UpdatedAt = time.GetUtcNow();
        audit.Record(AlertAuditActions.RuleChanged, "alert_rule", rule,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"enabled: {setting.Enabled}; threshold: {setting.Threshold} (was {current.Enabled}, {current.Threshold})"));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AlertRuleResponse.From(current with { Enabled = setting.Enabled, Threshold = setting.Threshold }));
    }

    private static async Task<ProblemHttpResult?> SaveAsync(DeliveryDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Health monitoring changed it meanwhile (escalated or resolved it): the caller reads it again.
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The alert changed meanwhile.",
                detail: "Health monitoring updated this alert while the request was made; read it again and retry.");
        }
    }

    private static ProblemHttpResult AlreadyResolved(Alert alert) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        type: ProblemTypes.AlertResolved,
        title: "The alert is resolved.",
        detail: $"It was resolved at {alert.ResolvedAt:O}{(alert.ResolvedBy is null ? " when its condition cleared" : $" by {alert.ResolvedBy}")}.");

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
