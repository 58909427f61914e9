using System.Buffers.Text;
using System.Security.Cryptography;
using DigitalDelivery.Api.Audit;
using DigitalDelivery.Api.Clients;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Core.Audit;
using DigitalDelivery.Core.Clients;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace DigitalDelivery.Api.Identity.Tokens;

/// <summary>
/// POST /connect/token: the OAuth 2.0 client credentials grant (RFC 6749 section 4.4) with RFC error responses,
/// and GET /.well-known/jwks.json: the public signing keys (RFC 7517).
/// </summary>
public static class TokenEndpoints
{
    public const string TokenPath = "/connect/token";
    public const string JwksPath = "/.well-known/jwks.json";

    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(TokenPath, IssueTokenAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithMetadata(new RateLimitKeyFromBodyAttribute("client_id"))
            .RequireRateLimiting(RateLimitPolicies.TokenPerClient)
            .WithName("token");
        app.MapGet(JwksPath, GetJwksAsync).AllowAnonymous().WithName("jwks");
        return app;
    }

    private static async Task<Results<JsonHttpResult<OAuthErrors.TokenResponse>, JsonHttpResult<OAuthErrors.Response>>> IssueTokenAsync(
        HttpContext http,
        DeliveryDbContext db,
        TenantContext tenant,
        ClientSecrets secrets,
        AccessTokenIssuer issuer,
        AuditTrail audit,
        CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        if (!http.Request.HasFormContentType)
        {
            return Error(OAuthErrors.InvalidRequest, "Send the request as application/x-www-form-urlencoded.");
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (form.Any(field => field.Value.Count > 1))
        {
            return Error(OAuthErrors.InvalidRequest, "Parameters must not be repeated.");
        }

        var grantType = form["grant_type"].ToString();
        if (grantType.Length == 0)
        {
            return Error(OAuthErrors.InvalidRequest, "grant_type is required.");
        }

        if (grantType != "client_credentials")
        {
            return Error(OAuthErrors.UnsupportedGrantType, "Only the client_credentials grant is supported.");
        }

        var (credentials, credentialsError) = ClientCredentials.Read(http.Request, form);
        if (credentialsError is not null)
        {
            return Error(OAuthErrors.InvalidRequest, credentialsError);
        }

        if (credentials is null)
        {
            return InvalidClient(http);
        }

        ApiClient? client;
        using (tenant.BeginCrossTenantAccess())
        {
            client = await db.Set<ApiClient>().AsNoTracking()
                .SingleOrDefaultAsync(c => c.ClientId == credentials.ClientId, cancellationToken);
        }

        if (client is null)
        {
            secrets.VerifyDecoy(credentials.Secret);
            return InvalidClient(http);
        }

        tenant.SetOrganization(client.OrganizationId);
        var actor = (AuditActorTypes.Client, client.ClientId);
        if (!secrets.Verify(client.SecretHash, credentials.Secret))
        {
            await audit.WriteAsync(AuditActions.ClientTokenDenied, "api_client", client.Id.ToString(), "wrong client secret", actor, cancellationToken: cancellationToken);
            return InvalidClient(http);
        }

        var requested = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        if (requested.Any(scope => !client.Scopes.Contains(scope, StringComparer.Ordinal)))
        {
            return Error(OAuthErrors.InvalidScope, "The client may not request one or more of these scopes.");
        }

        var granted = requested.Count > 0 ? requested : client.Scopes.ToList();
        var token = await issuer.IssueForClientAsync(client.OrganizationId, client.ClientId, granted, cancellationToken);
        await audit.WriteAsync(AuditActions.ClientTokenIssued, "api_client", client.Id.ToString(), $"scopes: {string.Join(' ', granted)}", actor, cancellationToken: cancellationToken);
        return TypedResults.Json(new OAuthErrors.TokenResponse(token.AccessToken, "Bearer", (int)token.Lifetime.TotalSeconds, string.Join(' ', granted)));
    }

    private static async Task<JsonHttpResult<JsonWebKeySet>> GetJwksAsync(SigningKeyStore keys, HttpContext http, CancellationToken cancellationToken)
    {
        var published = await keys.GetValidationKeysAsync(cancellationToken);
        http.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Json(
            new JsonWebKeySet(published.Select(k => ToJwk(k.Id, k.PublicKey.ECDsa.ExportParameters(includePrivateParameters: false))).ToList()),
            contentType: "application/jwk-set+json");
    }

    private static JsonWebKey ToJwk(string kid, ECParameters parameters) => new(
        Kty: "EC",
        Crv: "P-256",
        X: Base64Url.EncodeToString(parameters.Q.X),
        Y: Base64Url.EncodeToString(parameters.Q.Y),
        Kid: kid,
        Use: "sig",
        Alg: SigningKeyStore.Algorithm);

    private static JsonHttpResult<OAuthErrors.Response> Error(string error, string description) =>
        TypedResults.Json(new OAuthErrors.Response(error, description), statusCode: StatusCodes.Status400BadRequest);

    private static JsonHttpResult<OAuthErrors.Response> InvalidClient(HttpContext http)
    {
        // RFC 6749 section 5.2: 401 with a challenge for the scheme the client may use.
        http.Response.Headers[HeaderNames.WWWAuthenticate] = ClientCredentials.BasicChallenge;
        return TypedResults.Json(
            new OAuthErrors.Response(OAuthErrors.InvalidClient, "Client authentication failed."),
            statusCode: StatusCodes.Status401Unauthorized);
    }
}
