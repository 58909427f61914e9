using System.Text.Json;

namespace DigitalDelivery.Api.RateLimiting;

/// <summary>
/// For endpoints with <see cref="RateLimitKeyFromBodyAttribute"/>: reads the named field from the form or the
/// JSON body (buffered and rewound, so the endpoint still reads it) into <see cref="ItemKey"/>. A body that
/// cannot be read leaves no key; the endpoint rejects it and the limiter falls back to the client IP.
/// </summary>
internal sealed class RateLimitKeyMiddleware(RequestDelegate next)
{
    public const string ItemKey = "ratelimit:body-key";
    private const int MaxKeyLength = 256;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RateLimitKeyFromBodyAttribute>() is { } attribute)
        {
            var key = await ReadKeyAsync(context.Request, attribute.Field, context.RequestAborted);
            if (key is { Length: > 0 and <= MaxKeyLength })
            {
                context.Items[ItemKey] = key;
            }
        }

        await next(context);
    }

    private static async Task<string?> ReadKeyAsync(HttpRequest request, string field, CancellationToken cancellationToken)
    {
        try
        {
            if (request.HasFormContentType)
            {
                return (await request.ReadFormAsync(cancellationToken))[field].ToString();
            }

            if (request.HasJsonContentType())
            {
                request.EnableBuffering();
                using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
                request.Body.Position = 0;
                return json.RootElement.ValueKind == JsonValueKind.Object
                    && json.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidDataException or BadHttpRequestException)
        {
            if (request.Body.CanSeek)
            {
                request.Body.Position = 0;
            }
        }

        return null;
    }
}
