using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Core.Messaging;
using DigitalDelivery.Core.Messaging.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DigitalDelivery.Api.Operations;

/// <summary>
/// The platform operator's view of the queues (scope <see cref="Scopes.Platform"/>): every queue of
/// <see cref="QueueNames"/>, counted on request. Not the sampler's readings: those cover only the queues the Api
/// itself consumes, and the Api consumes none. No audit trail: nothing here writes.
/// </summary>
public static class QueueEndpoints
{
    public static IEndpointRouteBuilder MapQueueEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/platform/queues")
            .WithTags("Platform")
            .RequireAuthorization(Scopes.Platform)
            .RequireRateLimiting(RateLimitPolicies.WritesPerClient);
        group.MapGet("/", ListAsync).WithName("listPlatformQueues");
        return app;
    }

    private static async Task<Ok<QueueStatusResponse[]>> ListAsync(QueueStatsReader reader, CancellationToken cancellationToken)
    {
        var stats = await reader.ReadAsync([.. QueueNames.All], cancellationToken);
        return TypedResults.Ok(stats.Select(QueueStatusResponse.From).ToArray());
    }
}
