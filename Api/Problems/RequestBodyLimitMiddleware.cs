using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace DigitalDelivery.Api.Problems;

/// <summary>
/// Applies the body size limit (the endpoint's RequestSizeLimit metadata, else
/// <see cref="ProblemDetailsSetup.DefaultMaxRequestBodySize"/>): a declared Content-Length over it is refused at
/// once with 413; for streamed bodies the server's own limit feature is lowered so reading fails with 413.
/// DisableRequestSizeLimit metadata (a null limit) lifts it: such an endpoint enforces its own limit while it
/// streams (catalog uploads).
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IProblemDetailsService problemDetails)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
        var limit = metadata is null ? ProblemDetailsSetup.DefaultMaxRequestBodySize : metadata.MaxRequestBodySize;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problemDetails.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Detail = $"The request body may be at most {limit} bytes.",
                },
            });
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        await next(context);
    }
}
