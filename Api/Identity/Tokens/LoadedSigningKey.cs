using Microsoft.IdentityModel.Tokens;

namespace DigitalDelivery.Api.Identity.Tokens;

/// <summary>A signing key as the process uses it: the public key for validation and JWKS, the private one to sign.</summary>
public sealed record LoadedSigningKey(
    string Id,
    ECDsaSecurityKey PublicKey,
    ECDsaSecurityKey PrivateKey,
    DateTimeOffset ActivatesAt,
    DateTimeOffset RotatesAt,
    DateTimeOffset ExpiresAt);
