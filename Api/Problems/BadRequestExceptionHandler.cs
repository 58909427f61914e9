using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace DigitalDelivery.Api.Problems;

/// <summary>
/// Turns the framework's BadHttpRequestException (malformed JSON, wrong content type, body over the limit) into
/// a 4xx problem. The detail is a fixed sentence per status: the exception's own message names internal types.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = bad.StatusCode,
                Detail = bad.StatusCode switch
                {
                    StatusCodes.Status413PayloadTooLarge => "The request body exceeds the size this endpoint accepts.",
                    StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
                    _ => "The request could not be read; check that the body is well-formed JSON of the expected shape.",
                },
            },
        });
    }
}
