namespace DigitalDelivery.Core.Payments.Webhooks;

/// <summary>Why a webhook delivery was not accepted.</summary>
public enum PaymentWebhookRejection
{
    /// <summary>No Sandbox-Signature header.</summary>
    MissingSignature,

    /// <summary>The header is not t=...,v1=... with one timestamp and a well-formed signature.</summary>
    MalformedSignature,

    /// <summary>No v1 signature matches any configured secret: forged, tampered or signed with an unknown secret.</summary>
    SignatureMismatch,

    /// <summary>Correctly signed, but the timestamp is further from now than the tolerance: a replay.</summary>
    StaleTimestamp,

    /// <summary>Correctly signed and fresh, but not a payment event we can read.</summary>
    MalformedPayload,

    /// <summary>No webhook secret is configured, so nothing can be verified.</summary>
    NotConfigured,
}
