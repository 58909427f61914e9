using System.Text.Json.Serialization;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Core.Audit;
using DigitalDelivery.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.Audit;

/// <summary>GET /api/v1/audit-log: the tenant's audit trail, newest first, paged by id (scope admin).</summary>
public static class AuditLogEndpoints
{
    public sealed record AuditEntryResponse(
        [property: JsonPropertyName("id")] long Id,
        [property: JsonPropertyName("actor_type")] string ActorType,
        [property: JsonPropertyName("actor_id")] string ActorId,
        [property: JsonPropertyName("action")] string Action,
        [property: JsonPropertyName("entity_type")] string? EntityType,
        [property: JsonPropertyName("entity_id")] string? EntityId,
        [property: JsonPropertyName("summary")] string? Summary,
        [property: JsonPropertyName("ip_address")] string? IpAddress,
        [property: JsonPropertyName("user_agent")] string? UserAgent,
        [property: JsonPropertyName("trace_id")] string? TraceId,
        [property: JsonPropertyName("occurred_at")] DateTimeOffset OccurredAt);

    public static IEndpointRouteBuilder MapAuditLogEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit-log", ListAsync).WithTags("Audit").RequireAuthorization(Scopes.Admin);
        return app;
    }

    private static async Task<Results<Ok<List<AuditEntryResponse>>, ValidationProblem>> ListAsync(
        DeliveryDbContext db, int? limit, long? before, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 500)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be between 1 and 500."] });
        }

        var query = db.Set<AuditEntry>().AsNoTracking();
        if (before is { } id)
        {
            query = query.Where(a => a.Id < id);
        }

        var entries = await query.OrderByDescending(a => a.Id).Take(limit ?? 100)
            .Select(a => new AuditEntryResponse(a.Id, a.ActorType, a.ActorId, a.Action, a.EntityType, a.EntityId, a.Summary, a.IpAddress, a.UserAgent, a.TraceId, a.OccurredAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(entries);
    }
}
