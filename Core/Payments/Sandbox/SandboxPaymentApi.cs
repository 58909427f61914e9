namespace DigitalDelivery.Core.Payments.Sandbox;

/// <summary>The sandbox processor's HTTP contract: paths and headers, shared by the processor and its client.</summary>
public static class SandboxPaymentApi
{
    public const string BasePath = "/sandbox/payments/v1";
    public const string PreAuthorizationsPath = BasePath + "/preauthorizations";
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Set on an answer replayed from an earlier request with the same idempotency key.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    public const int MaxIdempotencyKeyLength = 255;

    public static string PreAuthorization(string preauthId) => $"{PreAuthorizationsPath}/{Uri.EscapeDataString(preauthId)}";

    public static string Capture(string preauthId) => PreAuthorization(preauthId) + "/capture";

    public static string Void(string preauthId) => PreAuthorization(preauthId) + "/void";

    public static string Refunds(string preauthId) => PreAuthorization(preauthId) + "/refunds";

    /// <summary>Printable ASCII, 1 to 255 characters: what fits a header and a text primary key alike.</summary>
    public static bool IsValidIdempotencyKey(string? key) =>
        key is { Length: > 0 and <= MaxIdempotencyKeyLength } && key.All(c => c is >= '!' and <= '~');
}
