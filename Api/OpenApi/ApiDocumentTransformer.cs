using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.Identity.Tokens;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DigitalDelivery.Api.OpenApi;

/// <summary>
/// Document-wide parts: the title, the two ways to authenticate (an API client's OAuth 2.0 client credentials, and
/// a portal user's bearer token from sign-in), and the problem+json schema every error response refers to.
/// </summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string ClientCredentialsScheme = "oauth2";
    public const string UserTokenScheme = "userToken";
    public const string ProblemSchema = "Problem";

    private static readonly Dictionary<string, string> ScopeDescriptions = new(StringComparer.Ordinal)
    {
        [Scopes.CatalogRead] = "Read files, products, assets and license-key pools.",
        [Scopes.CatalogWrite] = "Upload files; create and change products, assets, delivery settings and license keys.",
        [Scopes.OrdersRead] = "Read orders, payments and entitlements.",
        [Scopes.OrdersWrite] = "Create, pay, fulfil, cancel and refund orders; revoke entitlements.",
        [Scopes.DownloadsAdmin] = "Read download attempts and manage download links.",
        [Scopes.DeliveriesAdmin] = "Manage delivery destinations and deliveries.",
        [Scopes.DeliveriesWrite] = "Submit delivery requests to the organization's destinations.",
        [Scopes.Admin] = "Administer the organization: API clients, users, settings, the audit log.",
        [Scopes.Platform] = "Platform operators only: create, list, suspend and reactivate organizations.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "DigitalDelivery API";
        document.Info.Description =
            "Sell and deliver digital products. Authenticate with an API client's credentials at POST /connect/token " +
            "(OAuth 2.0 client credentials) and send the access token as a bearer token. Errors are RFC 9457 " +
            "problem+json with a stable `type` URI; the token endpoint answers RFC 6749 errors.";

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ClientCredentialsScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "An API client of the organization (POST /api/v1/clients makes one; its secret is shown once).",
            Flows = new OpenApiOAuthFlows
            {
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri("/" + TokenEndpoints.TokenPath.TrimStart('/'), UriKind.Relative),
                    Scopes = Scopes.All.ToDictionary(scope => scope, scope => ScopeDescriptions.GetValueOrDefault(scope, scope), StringComparer.Ordinal),
                },
            },
        };
        document.Components.SecuritySchemes[UserTokenScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A portal user's token from POST /api/v1/auth/sign-in; its scopes follow the user's role.",
        };

        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = ProblemSchemaDefinition();
        return Task.CompletedTask;
    }

    private static OpenApiSchema ProblemSchemaDefinition() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details. Switch on `type`: the URIs are stable (https://digitaldelivery.dev/problems/...).",
        Required = new HashSet<string> { "type", "title", "status" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Validation problems: messages by field.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
        AdditionalProperties = new OpenApiSchema(),
    };
}
