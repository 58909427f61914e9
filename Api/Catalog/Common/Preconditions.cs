using System.Globalization;
using DigitalDelivery.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace DigitalDelivery.Api.Catalog.Common;

/// <summary>
/// Optimistic concurrency over HTTP: a resource's version column is its strong ETag (<c>"3"</c>); an update must
/// send it back in If-Match. No If-Match is 428, one that does not match the stored version is 412. A race
/// between two matching requests is settled by the version being a concurrency token: the loser's UPDATE finds
/// no row and it answers 412 too (<see cref="Stale"/>).
/// </summary>
public static class Preconditions
{
    public static string ETag(int version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    public static void SetETag(HttpContext context, int version) => context.Response.Headers.ETag = ETag(version);

    /// <summary>Null when the request may go ahead against <paramref name="currentVersion"/>; otherwise the problem to answer.</summary>
    public static ProblemHttpResult? Check(HttpRequest request, int currentVersion)
    {
        var values = request.Headers.IfMatch;
        if (values.Count == 0)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status428PreconditionRequired,
                type: ProblemTypes.PreconditionRequired,
                detail: "Send If-Match with the ETag from your last read of this resource.");
        }

        if (!EntityTagHeaderValue.TryParseList(values, out var tags))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "If-Match is not a valid list of entity tags.");
        }

        var current = new EntityTagHeaderValue(ETag(currentVersion));
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: true))
            ? null
            : Stale();
    }

    public static ProblemHttpResult Stale() => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        type: ProblemTypes.PreconditionFailed,
        detail: "The resource was changed by someone else since you read it. Read it again and reapply your change.");
}
