using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Core.Deliveries.Handlers;
using DigitalDelivery.Core.Deliveries.Metrics;
using DigitalDelivery.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DigitalDelivery.Api.Deliveries.Metrics;

/// <summary>
/// <c>GET /api/v1/deliveries/metrics</c> (scope deliveries:admin): attempts over a time range (default the last 24 h,
/// at most 31 days), optionally of one destination or one type, computed from stored attempts when asked.
/// </summary>
public static class DeliveryMetricsEndpoints
{
    private static readonly TimeSpan DefaultRange = TimeSpan.FromHours(24);

    public static IEndpointRouteBuilder MapDeliveryMetricsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/deliveries/metrics", GetAsync)
            .WithTags("Deliveries")
            .RequireAuthorization(Scopes.DeliveriesAdmin)
            .RequireRateLimiting(RateLimitPolicies.WritesPerClient);
        return app;
    }

    private static async Task<Results<Ok<DeliveryMetricsResponse>, ValidationProblem>> GetAsync(
        DateTimeOffset? from, DateTimeOffset? to, [FromQuery(Name = "destination_id")] Guid? destinationId, string? type,
        DeliveryDbContext db, DestinationHandlers handlers, TimeProvider time, CancellationToken cancellationToken)
    {
        var end = to ?? time.GetUtcNow();
        var start = from ?? end - DefaultRange;
        if (start >= end)
        {
            return Invalid("from", "from must be before to.");
        }

        if (end - start > DeliveryMetricsReader.MaxRange)
        {
            return Invalid("from", $"The range may span at most {DeliveryMetricsReader.MaxRange.TotalDays:0} days; ask for several ranges.");
        }

        if (type is not null && !handlers.Types.Contains(type))
        {
            return Invalid("type", $"type must be one of: {string.Join(", ", handlers.Types)}.");
        }

        return TypedResults.Ok(DeliveryMetricsResponse.Of(
            await DeliveryMetricsReader.ReadAsync(db, start, end, destinationId, type, cancellationToken)));
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
