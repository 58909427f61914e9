using System.Buffers.Text;
using System.Security.Cryptography;

namespace DigitalDelivery.Core.Entitlements;

/// <summary>
/// The bearer tokens of <see cref="DownloadLink"/>: 32 random bytes (256 bits) as 43 URL-safe base64 characters,
/// carrying no ids. The database keeps SHA-256 of the token; with that much randomness a slow password hash adds
/// nothing, and a plain hash keeps the lookup a single index probe.
/// </summary>
public static class DownloadToken
{
    public const int Length = 43;
    private const int RandomBytes = 32;

    /// <summary>A fresh token and the hash to store.</summary>
    public static (string Token, byte[] Hash) Create()
    {
        Span<byte> random = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(random);
        var token = Base64Url.EncodeToString(random);
        return (token, SHA256.HashData(random));
    }

    /// <summary>The stored hash of a well-formed token; false for anything that cannot be a token (answer 400).</summary>
    public static bool TryHash(string? token, out byte[] hash)
    {
        hash = [];
        Span<byte> random = stackalloc byte[RandomBytes];
        // IsValid first: TryDecodeFromChars throws (rather than answering false) on characters outside the alphabet.
        if (token is not { Length: Length } || !Base64Url.IsValid(token) || !Base64Url.TryDecodeFromChars(token, random, out var written)
            || written != RandomBytes)
        {
            return false;
        }

        hash = SHA256.HashData(random);
        return true;
    }

    /// <summary>Constant-time comparison of a computed hash with a stored one.</summary>
    public static bool HashesEqual(ReadOnlySpan<byte> computed, ReadOnlySpan<byte> stored) =>
        CryptographicOperations.FixedTimeEquals(computed, stored);
}
