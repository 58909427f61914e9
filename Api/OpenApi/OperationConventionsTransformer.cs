using System.Globalization;
using System.Text;
using DigitalDelivery.Api.Identity.Tokens;
using DigitalDelivery.Api.Problems;
using DigitalDelivery.Api.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace DigitalDelivery.Api.OpenApi;

/// <summary>
/// What every operation says without each endpoint repeating it: an operationId (from the method and the path when
/// the endpoint has no name), its security requirement (the scopes of its authorization policies, which are named
/// after scopes), and the errors the pipeline itself can answer: 400 for any input, 401/403 behind authorization,
/// 404 for a path with ids, 429 where a rate limit applies. Endpoint-specific errors (409, 412, 422, 428...) come
/// from the endpoints' own <c>ProducesProblem</c>.
/// </summary>
internal sealed class OperationConventionsTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        operation.OperationId ??= OperationId(description);
        operation.Responses ??= new OpenApiResponses();

        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        if (!anonymous && metadata.OfType<IAuthorizeData>().Any())
        {
            var scopes = metadata.OfType<IAuthorizeData>()
                .Select(a => a.Policy).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocumentTransformer.ClientCredentialsScheme, context.Document)] = scopes },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocumentTransformer.UserTokenScheme, context.Document)] = scopes },
            ];
            AddProblem(operation, context, StatusCodes.Status401Unauthorized, "No valid access token.");
            AddProblem(operation, context, StatusCodes.Status403Forbidden, scopes.Count > 0
                ? $"The token lacks a scope ({string.Join(", ", scopes)}), or the organization is suspended."
                : "The organization is suspended.");
        }

        if (description.ParameterDescriptions.Count > 0 || description.SupportedRequestFormats.Count > 0 || operation.RequestBody is not null)
        {
            AddProblem(operation, context, StatusCodes.Status400BadRequest,
                "The input is malformed (bad-request), breaks a rule (validation, with errors by field) or holds refused characters (invalid-text).");
        }

        if (description.ParameterDescriptions.Any(p => p.Source == BindingSource.Path))
        {
            AddProblem(operation, context, StatusCodes.Status404NotFound, "Nothing with this id in the caller's organization.");
        }

        var statuses = metadata.OfType<ProblemResponsesAttribute>().SelectMany(a => a.Statuses).ToHashSet();
        foreach (var status in statuses)
        {
            AddProblem(operation, context, status, ProblemTypes.ForStatus(status).Title);
        }

        if (statuses.Contains(StatusCodes.Status412PreconditionFailed))
        {
            // Optimistic concurrency (docs/catalog.md): the ETag of the representation the change is based on.
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = statuses.Contains(StatusCodes.Status428PreconditionRequired),
                Description = "The ETag last read (e.g. \"3\"), or * for any version.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        // Statuses the endpoint declares itself (Results<..., NotFound>) carry a problem body on the wire as well.
        foreach (var (status, response) in operation.Responses)
        {
            if (status[0] is '4' or '5' && response is OpenApiResponse { Content: null or { Count: 0 } } bare && !IsTokenEndpoint(description))
            {
                bare.Content = ProblemContent(context);
            }
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().FirstOrDefault() is { } limit
            && (limit.PolicyName != RateLimitPolicies.WritesPerClient || !HttpMethods.IsGet(description.HttpMethod ?? string.Empty)))
        {
            AddProblem(operation, context, StatusCodes.Status429TooManyRequests, "Too many requests: wait for Retry-After seconds.");
        }

        return Task.CompletedTask;
    }

    private static void AddProblem(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description)
    {
        var key = status.ToString(CultureInfo.InvariantCulture);
        operation.Responses!.TryAdd(key, new OpenApiResponse { Description = description, Content = ProblemContent(context) });
    }

    /// <summary>The token endpoint answers errors as RFC 6749 JSON (<c>{"error": ...}</c>), not as problems.</summary>
    private static bool IsTokenEndpoint(ApiDescription description) =>
        string.Equals(description.RelativePath, TokenEndpoints.TokenPath, StringComparison.Ordinal);

    private static Dictionary<string, OpenApiMediaType> ProblemContent(OpenApiOperationTransformerContext context) => new()
    {
        ["application/problem+json"] = new OpenApiMediaType
        {
            Schema = new OpenApiSchemaReference(ApiDocumentTransformer.ProblemSchema, context.Document),
        },
    };

    /// <summary><c>GET api/v1/products/{id}/assets</c> becomes <c>getProductsByIdAssets</c>: unique, as method and path are.</summary>
    private static string OperationId(ApiDescription description)
    {
        var id = new StringBuilder((description.HttpMethod ?? "any").ToLowerInvariant());
        var segments = (description.RelativePath ?? string.Empty).Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var segment in segments.SkipWhile(s => s is "api" or "v1"))
        {
            if (segment.StartsWith('{'))
            {
                id.Append("By");
                Append(id, segment.Trim('{', '}').Split(':')[0]);
            }
            else
            {
                Append(id, segment);
            }
        }

        return id.ToString();
    }

    private static void Append(StringBuilder id, string words)
    {
        foreach (var word in words.Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            id.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
        }
    }
}
