using System.Security.Cryptography;

namespace DigitalDelivery.Core.Deliveries.Handlers.Webhook;

/// <summary>Standard Webhooks signing secrets: <c>whsec_</c> and 24-64 random bytes in base64 (32 when we make one).</summary>
public static class WebhookSecrets
{
    public const string Prefix = "whsec_";

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static bool IsValid(string? secret)
    {
        if (secret is null || !secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var buffer = new byte[96];
        return Convert.TryFromBase64String(secret[Prefix.Length..], buffer, out var length) && length is >= 24 and <= 64;
    }
}
