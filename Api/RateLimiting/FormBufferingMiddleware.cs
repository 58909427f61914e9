namespace DigitalDelivery.Api.RateLimiting;

internal sealed class FormBufferingMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.HasFormContentType
            && context.GetEndpoint()?.Metadata.GetMetadata<BufferFormForRateLimitingAttribute>() is not null)
        {
            try
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException)
            {
                // A malformed form is the endpoint's to reject; the limiter then partitions by IP.
            }
        }

        await next(context);
    }
}
