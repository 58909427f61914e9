using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace DigitalDelivery.Core.Redis;

/// <summary>
/// A Lua script and its SHA-1, the name Redis caches it under. Keep instances in static fields and run them with
/// <see cref="RedisClient.EvaluateAsync"/>, which sends only the hash once Redis knows the script.
/// </summary>
public sealed class RedisScript
{
    public RedisScript(string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Source = source;
        Sha1 = HashOf(source);
    }

    public string Source { get; }

    /// <summary>Lower-case hex SHA-1 of the UTF-8 source, as EVALSHA expects.</summary>
    public string Sha1 { get; }

    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "Redis names cached scripts by their SHA-1; this is an identifier, not a security control.")]
    private static string HashOf(string source) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(source)));
}
