using DigitalDelivery.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DigitalDelivery.Api.Downloads;

/// <summary>The download endpoint's answers other than bytes; the types are registered in <see cref="ProblemTypes"/>.</summary>
internal static class DownloadProblems
{
    public static ProblemHttpResult InvalidToken() => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, type: ProblemTypes.InvalidDownloadToken,
        title: "The download token is malformed.", detail: "A download token is 43 URL-safe base64 characters.");

    public static ProblemHttpResult UnknownToken() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.UnknownDownloadToken,
        title: "No download has this token.", detail: "Ask for a new link from your order page.");

    public static ProblemHttpResult Revoked() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, type: ProblemTypes.DownloadRevoked,
        title: "This download has been revoked.", detail: "The link or the access it belongs to was revoked or replaced by a newer link.");

    public static ProblemHttpResult Expired() => TypedResults.Problem(
        statusCode: StatusCodes.Status410Gone, type: ProblemTypes.DownloadExpired,
        title: "This download has expired.", detail: "The link or the access it belongs to has expired; ask for a new link from your order page.");

    public static ProblemHttpResult LimitReached() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, type: ProblemTypes.DownloadLimitReached,
        title: "The download limit has been reached.", detail: "Every download this purchase allows has been used.");

    public static ProblemHttpResult FileUnavailable() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.DownloadFileUnavailable,
        title: "The file is not available.", detail: "The file cannot be served at the moment.");

    public static ProblemHttpResult RangeNotSatisfiable() => TypedResults.Problem(
        statusCode: StatusCodes.Status416RangeNotSatisfiable, type: ProblemTypes.RangeNotSatisfiable,
        title: "The requested range is not satisfiable.", detail: "No range asked for lies within the file; see Content-Range for its size.");

    public static ProblemHttpResult RateLimited(int seconds) => TypedResults.Problem(
        statusCode: StatusCodes.Status429TooManyRequests, type: ProblemTypes.RateLimited,
        title: "Too many requests.", detail: $"Too many invalid download tokens from this address; retry after {seconds} seconds.");

    public static ProblemHttpResult Unavailable() => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable, type: ProblemTypes.Unavailable,
        title: "The service is temporarily unavailable.", detail: "Try again shortly.");
}
