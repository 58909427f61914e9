using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace DigitalDelivery.Api.Problems;

/// <summary>
/// Answers text the <see cref="TextPolicy"/> refuses with 400 invalid-text: from a JSON body (the converter's
/// exception, naming the field), and as a safety net from PostgreSQL itself (SQLSTATE 22021 / 22P05, a character the
/// database cannot store arriving through a query string, a form or a header), which would otherwise be a 500.
/// Registered before <see cref="BadRequestExceptionHandler"/>, which would answer the JSON case with a generic detail.
/// </summary>
internal sealed class InvalidTextExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted || Describe(exception) is not { } detail)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Type = ProblemTypes.InvalidText,
                Title = "The request contains text that is not accepted.",
                Detail = detail,
            },
        });
    }

    private static string? Describe(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case InvalidTextException text:
                    var field = string.IsNullOrEmpty(text.Path) ? "A text value" : $"The field {text.Path}";
                    return $"{field} contains the character {text.Character}: control characters (other than tab and line breaks) and bidirectional overrides are not accepted.";
                case PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter }:
                    return "A text value contains a character that cannot be stored (such as U+0000).";
            }
        }

        return null;
    }
}
