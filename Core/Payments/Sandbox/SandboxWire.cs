namespace DigitalDelivery.Core.Payments.Sandbox;

/// <summary>The sandbox's wire words for outcomes, statuses and codes, and their mapping to the port's enums.</summary>
public static class SandboxWire
{
    public const string Approved = "APPROVED";
    public const string Declined = "DECLINED";

    /// <summary>Problem "code" of a request that reused an idempotency key with other content (422).</summary>
    public const string IdempotencyKeyReused = "idempotency_key_reused";

    /// <summary>Problem "code" of an answer the processor could not give in time (504).</summary>
    public const string ProcessorTimeout = "processor_timeout";

    public static string ToWire(PaymentStatus status) => status switch
    {
        PaymentStatus.Authorized => "authorized",
        PaymentStatus.Declined => "declined",
        PaymentStatus.Captured => "captured",
        PaymentStatus.PartiallyRefunded => "partially_refunded",
        PaymentStatus.Refunded => "refunded",
        PaymentStatus.Voided => "voided",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static PaymentStatus ParseStatus(string value) => value switch
    {
        "authorized" => PaymentStatus.Authorized,
        "declined" => PaymentStatus.Declined,
        "captured" => PaymentStatus.Captured,
        "partially_refunded" => PaymentStatus.PartiallyRefunded,
        "refunded" => PaymentStatus.Refunded,
        "voided" => PaymentStatus.Voided,
        _ => throw new FormatException($"Unknown payment status '{value}'."),
    };

    public static string ToWire(DeclineReason reason) => reason switch
    {
        DeclineReason.InsufficientFunds => "insufficient_funds",
        DeclineReason.IncorrectNumber => "incorrect_number",
        _ => "declined",
    };

    /// <summary>Unknown codes are generic declines: a processor may add codes without breaking us.</summary>
    public static DeclineReason ParseDecline(string? value) => value switch
    {
        "insufficient_funds" => DeclineReason.InsufficientFunds,
        "incorrect_number" => DeclineReason.IncorrectNumber,
        _ => DeclineReason.Declined,
    };

    public static string ToWire(PaymentRefusalReason reason) => reason switch
    {
        PaymentRefusalReason.NotFound => "not_found",
        PaymentRefusalReason.InvalidState => "invalid_state",
        PaymentRefusalReason.AmountExceedsAuthorized => "amount_exceeds_authorized",
        PaymentRefusalReason.AmountExceedsCaptured => "amount_exceeds_captured",
        PaymentRefusalReason.CurrencyMismatch => "currency_mismatch",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    public static bool TryParseRefusal(string? value, out PaymentRefusalReason reason)
    {
        PaymentRefusalReason? parsed = value switch
        {
            "not_found" => PaymentRefusalReason.NotFound,
            "invalid_state" => PaymentRefusalReason.InvalidState,
            "amount_exceeds_authorized" => PaymentRefusalReason.AmountExceedsAuthorized,
            "amount_exceeds_captured" => PaymentRefusalReason.AmountExceedsCaptured,
            "currency_mismatch" => PaymentRefusalReason.CurrencyMismatch,
            _ => null,
        };
        reason = parsed.GetValueOrDefault();
        return parsed.HasValue;
    }
}
