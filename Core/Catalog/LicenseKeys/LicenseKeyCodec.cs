using System.Security.Cryptography;
using System.Text;
using DigitalDelivery.Core.Security.DataProtection;

namespace DigitalDelivery.Core.Catalog.LicenseKeys;

/// <summary>How a license key is stored: encrypted with the shared key ring, hashed for duplicate checks, hinted for display.</summary>
public sealed class LicenseKeyCodec(SecretProtector protector)
{
    private const string Purpose = "license-key";

    public string Protect(string key) => protector.Protect(Purpose, key);

    public string Unprotect(string protectedKey) => protector.Unprotect(Purpose, protectedKey);

    public static byte[] Hash(byte[] poolKey, string key) => HMACSHA256.HashData(poolKey, Encoding.UTF8.GetBytes(key));

    /// <summary>The last characters, at most 4 and at most a quarter of the key, so short keys are not given away.</summary>
    public static string Hint(string key) => key[^Math.Clamp(key.Length / 4, 1, 4)..];

    public static string Mask(string hint) => "****" + hint;
}
