using DigitalDelivery.Api.Identity;
using DigitalDelivery.Core.Notices;
using DigitalDelivery.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.Notices;

/// <summary>GET /api/v1/notices: what the tenant has been told (quarantined uploads, failed scans, low license key stock), newest first.</summary>
public static class NoticeEndpoints
{
    public static IEndpointRouteBuilder MapNoticeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/notices", ListAsync).WithTags("Notices").RequireAuthorization(Scopes.CatalogRead);
        return app;
    }

    private static async Task<Results<Ok<List<NoticeResponse>>, ValidationProblem>> ListAsync(
        DeliveryDbContext db, int? limit, long? before, string? kind, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 200)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be between 1 and 200."] });
        }

        var query = db.Set<TenantNotice>().AsNoTracking();
        if (before is { } id)
        {
            query = query.Where(n => n.Id < id);
        }

        if (kind is not null)
        {
            query = query.Where(n => n.Kind == kind);
        }

        var notices = await query.OrderByDescending(n => n.Id).Take(limit ?? 50)
            .Select(n => new NoticeResponse(n.Id, n.Kind, n.Severity, n.SubjectType, n.SubjectId, n.Message, n.CreatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(notices);
    }
}
