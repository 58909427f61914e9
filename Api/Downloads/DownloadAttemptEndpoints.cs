using DigitalDelivery.Api.Catalog.Common;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Core.Downloads;
using DigitalDelivery.Core.Entitlements;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.Downloads;

/// <summary>The attempt log for admins (scope downloads:admin), newest first, per order and per entitlement.</summary>
public static class DownloadAttemptEndpoints
{
    public static IEndpointRouteBuilder MapDownloadAttemptEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Downloads").RequireAuthorization(Scopes.DownloadsAdmin);
        group.MapGet("/orders/{orderId:guid}/download-attempts", ForOrderAsync);
        group.MapGet("/entitlements/{id:guid}/download-attempts", ForEntitlementAsync);
        return app;
    }

    private static async Task<Results<Ok<PageResponse<DownloadAttemptResponse>>, NotFound, ValidationProblem>> ForOrderAsync(
        Guid orderId, DeliveryDbContext db, int? page, [FromQuery(Name = "page_size")] int? pageSize, CancellationToken cancellationToken)
    {
        if (Paging.Validate(page, pageSize, sort: null, []) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!await db.Set<Order>().AnyAsync(o => o.Id == orderId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var query = db.Set<DownloadAttempt>().AsNoTracking().Where(a => a.OrderId == orderId)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id);
        return TypedResults.Ok(await Paging.PageAsync(query, page, pageSize, DownloadAttemptResponse.From, cancellationToken));
    }

    private static async Task<Results<Ok<PageResponse<DownloadAttemptResponse>>, NotFound, ValidationProblem>> ForEntitlementAsync(
        Guid id, DeliveryDbContext db, int? page, [FromQuery(Name = "page_size")] int? pageSize, CancellationToken cancellationToken)
    {
        if (Paging.Validate(page, pageSize, sort: null, []) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!await db.Set<DownloadAccess>().AnyAsync(a => a.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var query = db.Set<DownloadAttempt>().AsNoTracking().Where(a => a.DownloadAccessId == id)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id);
        return TypedResults.Ok(await Paging.PageAsync(query, page, pageSize, DownloadAttemptResponse.From, cancellationToken));
    }
}
