using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DigitalDelivery.Api.Identity.Tokens;

/// <summary>Issues the Api's access tokens: JWTs (RFC 9068 profile, typ at+jwt) signed ES256 by the active key.</summary>
public sealed class AccessTokenIssuer(SigningKeyStore keys, TimeProvider time, IOptions<AccessTokenOptions> options)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt, TimeSpan Lifetime);

    public Task<IssuedToken> IssueForClientAsync(Guid organizationId, string clientId, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken) =>
        IssueAsync(
            new Dictionary<string, object>
            {
                [TokenClaims.Subject] = clientId,
                [TokenClaims.ClientId] = clientId,
                [TokenClaims.ActorType] = Core.Audit.AuditActorTypes.Client,
                [TokenClaims.OrganizationId] = organizationId.ToString(),
                [TokenClaims.Scope] = string.Join(' ', scopes),
            },
            options.Value.ClientTokenLifetime,
            cancellationToken);

    public Task<IssuedToken> IssueForUserAsync(
        Guid organizationId, Guid userId, string email, IReadOnlyCollection<string> roles, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken) =>
        IssueAsync(
            new Dictionary<string, object>
            {
                [TokenClaims.Subject] = userId.ToString(),
                [TokenClaims.ClientId] = "portal",
                [TokenClaims.ActorType] = Core.Audit.AuditActorTypes.User,
                [TokenClaims.OrganizationId] = organizationId.ToString(),
                [TokenClaims.Email] = email,
                [TokenClaims.Role] = roles.ToArray(),
                [TokenClaims.Scope] = string.Join(' ', scopes),
            },
            options.Value.UserTokenLifetime,
            cancellationToken);

    private async Task<IssuedToken> IssueAsync(Dictionary<string, object> claims, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var key = await keys.GetSigningKeyAsync(cancellationToken);
        var now = time.GetUtcNow();
        var expires = now + lifetime;
        claims[JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N");
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            TokenType = "at+jwt",
            Claims = claims,
            SigningCredentials = new SigningCredentials(key.PrivateKey, SigningKeyStore.Algorithm),
        });
        return new IssuedToken(token, expires, lifetime);
    }
}
