using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DigitalDelivery.Api.Identity.Tokens;

/// <summary>
/// OpenIddict reads the token request before the endpoint runs, so the generator sees neither its form nor its
/// answers: this describes RFC 6749's client credentials request, the token response and the error object.
/// </summary>
internal static class TokenRequestDocumentation
{
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Summary = "Get an access token (OAuth 2.0 client credentials).";
        operation.Description = "Authenticate with client_id and client_secret in the form or as HTTP Basic, not both. " +
            "Errors are RFC 6749 JSON ({\"error\": \"invalid_client\", ...}), not problem+json.";
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/x-www-form-urlencoded"] = new()
                {
                    Schema = Object(["grant_type"], new()
                    {
                        ["grant_type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["client_credentials"] },
                        ["client_id"] = String(),
                        ["client_secret"] = String(),
                        ["scope"] = String("Space-separated scopes; all of the client's when absent."),
                    }),
                },
            },
        };
        operation.Responses = new OpenApiResponses
        {
            ["200"] = Json("The access token.", Object(["access_token", "token_type", "expires_in"], new()
            {
                ["access_token"] = String(),
                ["token_type"] = String("Bearer"),
                ["expires_in"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                ["scope"] = String(),
            })),
            ["400"] = Json("invalid_request, unsupported_grant_type, invalid_scope or unauthorized_client (organization suspended).", Error()),
            ["401"] = Json("invalid_client: unknown client or wrong secret.", Error()),
            ["429"] = Json("Too many token requests for this client.", Error()),
        };
        return Task.CompletedTask;
    }

    private static OpenApiResponse Json(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
    };

    private static OpenApiSchema Error() => Object(["error"], new()
    {
        ["error"] = String(),
        ["error_description"] = String(),
        ["error_uri"] = String(),
    });

    private static OpenApiSchema Object(string[] required, Dictionary<string, IOpenApiSchema> properties) => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string>(required),
        Properties = properties,
    };

    private static OpenApiSchema String(string? description = null) => new() { Type = JsonSchemaType.String, Description = description };
}
