using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.Core.Payments.Webhooks;

/// <summary>
/// Checks a webhook delivery: the signature over the exact raw body under any configured secret (compared in
/// constant time), then the timestamp against the tolerance in both directions, then the payload. Never throws
/// for bad input: every failure is a <see cref="RejectedPaymentWebhook"/> with its reason.
/// </summary>
public sealed class PaymentWebhookVerifier(IOptions<PaymentWebhookOptions> options, TimeProvider timeProvider)
{
    public PaymentWebhookVerification Verify(string? signatureHeader, ReadOnlySpan<byte> rawBody)
    {
        var settings = options.Value;
        var secrets = settings.Secrets;
        if (secrets.Count == 0)
        {
            return new RejectedPaymentWebhook(PaymentWebhookRejection.NotConfigured);
        }

        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return new RejectedPaymentWebhook(PaymentWebhookRejection.MissingSignature);
        }

        if (!PaymentWebhookSignatureHeader.TryParse(signatureHeader, out var header))
        {
            return new RejectedPaymentWebhook(PaymentWebhookRejection.MalformedSignature);
        }

        if (!MatchesAnySecret(header!, secrets, rawBody))
        {
            return new RejectedPaymentWebhook(PaymentWebhookRejection.SignatureMismatch);
        }

        var age = timeProvider.GetUtcNow().ToUnixTimeSeconds() - header!.Timestamp;
        if (Math.Abs(age) > (long)settings.SignatureTolerance.TotalSeconds)
        {
            return new RejectedPaymentWebhook(PaymentWebhookRejection.StaleTimestamp);
        }

        return PaymentEventJson.TryParse(rawBody, out var paymentEvent)
            ? new VerifiedPaymentWebhook(paymentEvent!)
            : new RejectedPaymentWebhook(PaymentWebhookRejection.MalformedPayload);
    }

    private static bool MatchesAnySecret(PaymentWebhookSignatureHeader header, IReadOnlyList<string> secrets, ReadOnlySpan<byte> rawBody)
    {
        var matched = false;
        foreach (var secret in secrets)
        {
            var expected = PaymentWebhookSignature.Compute(secret, header.Timestamp, rawBody);
            foreach (var candidate in header.Signatures)
            {
                // Every pair is compared, so the time taken says nothing about which one (if any) matched.
                matched |= CryptographicOperations.FixedTimeEquals(expected, candidate);
            }
        }

        return matched;
    }
}
