using System.Security.Claims;
using DigitalDelivery.Api.Audit;
using DigitalDelivery.Api.Clients;
using DigitalDelivery.Api.Organizations;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Core.Audit;
using DigitalDelivery.Core.Clients;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DigitalDelivery.Api.Identity.Tokens;

/// <summary>
/// POST /connect/token, the OAuth 2.0 client credentials grant. OpenIddict parses and checks the request (form body,
/// grant type, one client authentication method, registered scopes), answers RFC 6749 errors, and signs and writes
/// the token; it then passes the request through to this endpoint, after the per-client rate limit, which
/// authenticates the client against api_clients (the PBKDF2 check is the expensive part the limit protects) and
/// decides the granted scopes. The JWKS and discovery documents are OpenIddict's own endpoints.
/// </summary>
public static class TokenEndpoints
{
    public const string TokenPath = "connect/token";
    public const string JwksPath = ".well-known/jwks.json";
    public const string DiscoveryPath = ".well-known/openid-configuration";

    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(TokenPath, IssueTokenAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithMetadata(new RateLimitKeyFromBodyAttribute(Parameters.ClientId))
            .RequireRateLimiting(RateLimitPolicies.TokenPerClient)
            .WithName("token")
            .WithTags("Tokens")
            .AddOpenApiOperationTransformer(TokenRequestDocumentation.DescribeAsync);
        return app;
    }

    private static async Task<IResult> IssueTokenAsync(
        HttpContext http,
        DeliveryDbContext db,
        TenantContext tenant,
        ClientSecrets secrets,
        AuditTrail audit,
        OrganizationSuspensions suspensions,
        IOptions<AccessTokenOptions> options,
        CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The token request did not pass through OpenIddict.");
        var clientId = request.ClientId ?? string.Empty;
        var secret = request.ClientSecret ?? string.Empty;

        ApiClient? client;
        using (tenant.BeginCrossTenantAccess())
        {
            client = await db.Set<ApiClient>().AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);
        }

        if (client is null)
        {
            secrets.VerifyDecoy(secret);
            return Reject(Errors.InvalidClient, "Client authentication failed.");
        }

        tenant.SetOrganization(client.OrganizationId);
        var actor = (AuditActorTypes.Client, client.ClientId);
        if (!secrets.Verify(client.SecretHash, secret))
        {
            await audit.WriteAsync(AuditActions.ClientTokenDenied, "api_client", client.Id.ToString(), "wrong client secret", actor, cancellationToken: cancellationToken);
            return Reject(Errors.InvalidClient, "Client authentication failed.");
        }

        if (await suspensions.IsSuspendedAsync(client.OrganizationId, db, cancellationToken))
        {
            await audit.WriteAsync(AuditActions.ClientTokenDenied, "api_client", client.Id.ToString(), "organization suspended", actor, cancellationToken: cancellationToken);
            return Reject(Errors.UnauthorizedClient, "The client's organization is suspended.");
        }

        var requested = request.GetScopes().ToList();
        if (requested.Any(scope => !client.Scopes.Contains(scope, StringComparer.Ordinal)))
        {
            return Reject(Errors.InvalidScope, "The client may not request one or more of these scopes.");
        }

        var granted = requested.Count == 0 ? [.. client.Scopes] : requested.ToArray();
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, client.ClientId)
            .SetClaim(TokenClaims.ActorType, AuditActorTypes.Client)
            .SetClaim(TokenClaims.OrganizationId, client.OrganizationId.ToString());
        identity.SetScopes(granted);
        identity.SetResources(options.Value.Audience);
        identity.SetDestinations(static _ => [OpenIddictConstants.Destinations.AccessToken]);

        await audit.WriteAsync(AuditActions.ClientTokenIssued, "api_client", client.Id.ToString(), $"scopes: {string.Join(' ', granted)}", actor, cancellationToken: cancellationToken);

        // OpenIddict leaves "scope" out when it equals the request; clients have always been told what they got.
        var properties = new AuthenticationProperties();
        properties.Parameters[Parameters.Scope] = string.Join(' ', granted);
        return TypedResults.SignIn(new ClaimsPrincipal(identity), properties, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static ForbidHttpResult Reject(string error, string description) => TypedResults.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
