using System.Globalization;

namespace DigitalDelivery.Core.Payments.Webhooks;

/// <summary>A parsed Sandbox-Signature header: exactly one timestamp and at least one well-formed v1 signature.</summary>
internal sealed record PaymentWebhookSignatureHeader(long Timestamp, IReadOnlyList<byte[]> Signatures)
{
    private const int MaxHeaderLength = 4096;
    private const int Sha256HexLength = 64;

    /// <summary>Unknown schemes (v0, future v2) are skipped, as Stripe's receivers do; a bad v1 is skipped too.</summary>
    public static bool TryParse(string header, out PaymentWebhookSignatureHeader? parsed)
    {
        parsed = null;
        if (header.Length > MaxHeaderLength)
        {
            return false;
        }

        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return false;
            }

            var key = part[..equals];
            var value = part[(equals + 1)..];
            if (key == "t")
            {
                if (timestamp is not null || !IsDigits(value)
                    || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
                {
                    return false;
                }

                timestamp = t;
            }
            else if (key == "v1" && value.Length == Sha256HexLength && value.All(char.IsAsciiHexDigit))
            {
                signatures.Add(Convert.FromHexString(value));
            }
        }

        if (timestamp is null || signatures.Count == 0)
        {
            return false;
        }

        parsed = new PaymentWebhookSignatureHeader(timestamp.Value, signatures);
        return true;
    }

    private static bool IsDigits(string value) => value.Length is > 0 and <= 18 && value.All(char.IsAsciiDigit);
}
