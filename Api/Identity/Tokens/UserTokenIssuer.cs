using System.Collections.Immutable;
using System.Security.Claims;
using DigitalDelivery.Core.Audit;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace DigitalDelivery.Api.Identity.Tokens;

/// <summary>
/// Portal user tokens, made by OpenIddict's own token generation (the event the token endpoint raises), so they
/// carry the same format, issuer, audience and signing key as client tokens and pass the same validation. Portal
/// sign-in is not an OAuth flow (the Web posts email and password as JSON), hence no endpoint of OpenIddict's.
/// Scoped because OpenIddict's server factory and dispatcher are scoped.
/// </summary>
public sealed class UserTokenIssuer(
    IOpenIddictServerFactory factory,
    IOpenIddictServerDispatcher dispatcher,
    IOptions<AccessTokenOptions> options,
    TimeProvider time)
{
    public const string PortalClientId = "portal";

    public sealed record IssuedToken(string AccessToken, TimeSpan Lifetime);

    public async Task<IssuedToken> IssueAsync(
        Guid organizationId, Guid userId, string email, IReadOnlyCollection<string> roles, IReadOnlyCollection<string> scopes)
    {
        var transaction = await factory.CreateTransactionAsync();
        var now = time.GetUtcNow();
        var lifetime = options.Value.UserTokenLifetime;
        var identity = new ClaimsIdentity(nameof(UserTokenIssuer), Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, userId.ToString())
            .SetClaim(Claims.ClientId, PortalClientId)
            .SetClaim(TokenClaims.ActorType, AuditActorTypes.User)
            .SetClaim(TokenClaims.OrganizationId, organizationId.ToString())
            .SetClaim(Claims.Email, email)
            .SetClaims(Claims.Role, [.. roles]);
        var principal = new ClaimsPrincipal(identity)
            .SetScopes(scopes)
            .SetAudiences(options.Value.Audience)
            .SetCreationDate(now)
            .SetExpirationDate(now + lifetime)
            .SetClaim(Claims.Private.Issuer, transaction.Options.Issuer?.AbsoluteUri);

        var context = new GenerateTokenContext(transaction)
        {
            ClientId = PortalClientId,
            CreateTokenEntry = false,
            IsReferenceToken = false,
            PersistTokenPayload = false,
            Principal = principal,
            TokenFormat = TokenFormats.Private.JsonWebToken,
            TokenType = TokenTypeIdentifiers.AccessToken,
        };
        await dispatcher.DispatchAsync(context);
        if (context.IsRejected || string.IsNullOrEmpty(context.Token))
        {
            throw new InvalidOperationException($"OpenIddict did not generate the user token: {context.Error} {context.ErrorDescription}");
        }

        return new IssuedToken(context.Token, lifetime);
    }
}
