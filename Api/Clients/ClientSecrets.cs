using System.Buffers.Text;
using System.Security.Cryptography;
using DigitalDelivery.Core.Clients;
using Microsoft.AspNetCore.Identity;

namespace DigitalDelivery.Api.Clients;

/// <summary>
/// Client ids and secrets. Secrets are 256 random bits, stored as ASP.NET Core Identity's PBKDF2 hash
/// (HMAC-SHA512, 100,000 iterations, salted) and compared in constant time by the same hasher.
/// </summary>
public sealed class ClientSecrets
{
    private static readonly ApiClient HashContext = new()
    {
        ClientId = string.Empty, Name = string.Empty, SecretHash = string.Empty, Scopes = [],
    };

    private readonly PasswordHasher<ApiClient> _hasher = new();
    private readonly Lazy<string> _decoyHash;

    public ClientSecrets() => _decoyHash = new Lazy<string>(() => Hash(NewSecret()));

    public static string NewClientId() => "ddc_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    public static string NewSecret() => "dds_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public string Hash(string secret) => _hasher.HashPassword(HashContext, secret);

    public bool Verify(string secretHash, string secret) =>
        _hasher.VerifyHashedPassword(HashContext, secretHash, secret) != PasswordVerificationResult.Failed;

    /// <summary>Spends the same time as a real verification, so unknown client ids cannot be told apart by timing.</summary>
    public void VerifyDecoy(string secret) => Verify(_decoyHash.Value, secret);
}
