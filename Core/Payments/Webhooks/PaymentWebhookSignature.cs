using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DigitalDelivery.Core.Payments.Webhooks;

/// <summary>
/// The Stripe-style signature of a payment webhook: header <c>Sandbox-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;[,v1=...]</c>
/// where each v1 is the lower-case hex HMAC-SHA256 of "t.rawbody" under one secret (PLATFORM.md §6). The
/// timestamp is inside the signed content, so it cannot be moved to make an old delivery look fresh.
/// </summary>
public static class PaymentWebhookSignature
{
    public const string HeaderName = "Sandbox-Signature";

    public static string CreateHeader(long timestamp, IEnumerable<string> secrets, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var header = new StringBuilder("t=").Append(timestamp.ToString(CultureInfo.InvariantCulture));
        foreach (var secret in secrets)
        {
            header.Append(",v1=").Append(Convert.ToHexStringLower(Compute(secret, timestamp, body)));
        }

        return header.ToString();
    }

    public static byte[] Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
