using DigitalDelivery.Api.Audit;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.OpenApi;
using DigitalDelivery.Api.Problems;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Core.Messaging.DeadLetters;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DigitalDelivery.Api.Operations;

/// <summary>
/// The platform operator's dead letters (scope <see cref="Scopes.Platform"/>): they belong to the system, not to a
/// tenant, so no merchant sees them. List, inspect, replay and purge, one or by filter, over
/// <see cref="DeadLetterService"/>. Audit rows go to the operator's own organization and name ids, queues, types and
/// filters, never payloads (they may hold customers' emails).
/// </summary>
public static class DeadLetterEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;
    private const string Path = "/api/v1/platform/dead-letters";

    public static IEndpointRouteBuilder MapDeadLetterEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path)
            .WithTags("Platform")
            .RequireAuthorization(Scopes.Platform)
            .RequireRateLimiting(RateLimitPolicies.WritesPerClient)
            .WithAuditTrail("dead_letter");
        group.MapGet("/", ListAsync).WithName("listPlatformDeadLetters");
        group.MapGet("/{id:guid}", GetAsync).WithName("getPlatformDeadLetter");
        group.MapPost("/{id:guid}/replay", ReplayAsync).WithName("replayPlatformDeadLetter");
        group.MapPost("/replay", ReplayMatchingAsync).WithName("replayPlatformDeadLetters");
        group.MapDelete("/{id:guid}", PurgeAsync).WithName("purgePlatformDeadLetter");
        group.MapPost("/purge", PurgeMatchingAsync).WithName("purgePlatformDeadLetters");
        return app;
    }

    private static async Task<Results<Ok<DeadLetterPageResponse>, ValidationProblem>> ListAsync(
        DeadLetterService deadLetters,
        string? queue,
        [FromQuery(Name = "message_type")] string? messageType,
        string? from,
        string? to,
        int? limit,
        string? after,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = DeadLetterQuery.Parse(queue, messageType, from, to, errors);
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        DeadLetterCursor? cursor = null;
        if (after is not null && !DeadLetterCursorCodec.TryDecode(after, out cursor))
        {
            errors["after"] = ["after must be the next cursor of a previous page, as it was returned."];
        }

        if (errors.Count > 0 || filter is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await deadLetters.ListAsync(filter, limit ?? DefaultLimit, cursor, cancellationToken);
        return TypedResults.Ok(new DeadLetterPageResponse(
            [.. page.Items.Select(DeadLetterSummaryResponse.From)],
            page.Next is null ? null : DeadLetterCursorCodec.Encode(page.Next)));
    }

    private static async Task<Results<Ok<DeadLetterResponse>, NotFound>> GetAsync(
        Guid id, DeadLetterService deadLetters, CancellationToken cancellationToken) =>
        await deadLetters.GetAsync(id, cancellationToken) is { } letter
            ? TypedResults.Ok(DeadLetterResponse.From(letter))
            : TypedResults.NotFound();

    [ProblemResponses(StatusCodes.Status409Conflict)]
    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> ReplayAsync(
        Guid id, DeadLetterService deadLetters, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (await deadLetters.GetAsync(id, cancellationToken) is not { } letter)
        {
            return TypedResults.NotFound();
        }

        if (!await deadLetters.ReplayAsync(id, cancellationToken))
        {
            // Either someone replayed or purged it meanwhile (gone: 404), or its dedupe key is unfinished in the queue.
            return await deadLetters.GetAsync(id, cancellationToken) is null
                ? TypedResults.NotFound()
                : TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    type: ProblemTypes.DedupeKeyPending,
                    title: "A message with the same dedupe key is unfinished.",
                    detail: "The queue holds a waiting or running message with this letter's dedupe key; replay the letter once that one has finished, or purge it.");
        }

        await audit.WriteAsync(
            OperationsAuditActions.DeadLetterReplayed, "dead_letter", id.ToString(),
            $"queue={letter.Queue}; message_type={letter.MessageType}; attempts={letter.Attempts}", cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ReplayedResponse>, ValidationProblem>> ReplayMatchingAsync(
        DeadLetterFilterRequest request, DeadLetterService deadLetters, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (BulkFilter(request, out var errors) is not { } filter)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var replayed = await deadLetters.ReplayAsync(filter, cancellationToken);
        await audit.WriteAsync(
            OperationsAuditActions.DeadLettersReplayed, "dead_letter", null, $"{DeadLetterQuery.Describe(filter)}; replayed={replayed}",
            cancellationToken: cancellationToken);
        return TypedResults.Ok(new ReplayedResponse(replayed));
    }

    private static async Task<Results<NoContent, NotFound>> PurgeAsync(
        Guid id, DeadLetterService deadLetters, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (await deadLetters.GetAsync(id, cancellationToken) is not { } letter || !await deadLetters.PurgeAsync(id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        await audit.WriteAsync(
            OperationsAuditActions.DeadLetterPurged, "dead_letter", id.ToString(),
            $"queue={letter.Queue}; message_type={letter.MessageType}; attempts={letter.Attempts}", cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<PurgedResponse>, ValidationProblem>> PurgeMatchingAsync(
        DeadLetterFilterRequest request, DeadLetterService deadLetters, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (BulkFilter(request, out var errors) is not { } filter)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var purged = await deadLetters.PurgeAsync(filter, cancellationToken);
        await audit.WriteAsync(
            OperationsAuditActions.DeadLettersPurged, "dead_letter", null, $"{DeadLetterQuery.Describe(filter)}; purged={purged}",
            cancellationToken: cancellationToken);
        return TypedResults.Ok(new PurgedResponse(purged));
    }

    /// <summary>
    /// A bulk operation names at least one filter field, or says <c>"all": true</c> with none: an empty body
    /// replaying or purging everything is always a mistake, and "all" beside a filter says two different things.
    /// </summary>
    private static DeadLetterFilter? BulkFilter(DeadLetterFilterRequest request, out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (DeadLetterQuery.Parse(request.Queue, request.MessageType, request.From, request.To, errors) is not { } filter)
        {
            return null;
        }

        var all = request.All == true;
        if (DeadLetterQuery.IsEmpty(filter) && !all)
        {
            errors["all"] = ["Name at least one of queue, message_type, from or to, or send \"all\": true to apply to every dead letter."];
        }
        else if (!DeadLetterQuery.IsEmpty(filter) && all)
        {
            errors["all"] = ["\"all\": true applies to every dead letter: send it without queue, message_type, from or to."];
        }

        return errors.Count > 0 ? null : filter;
    }
}
