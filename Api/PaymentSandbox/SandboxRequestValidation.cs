using DigitalDelivery.Core.Payments;
using DigitalDelivery.Core.Payments.Sandbox;
using DigitalDelivery.Core.Payments.Sandbox.Contracts;

namespace DigitalDelivery.Api.PaymentSandbox;

/// <summary>Field checks of the sandbox's requests; an empty dictionary means valid.</summary>
internal static class SandboxRequestValidation
{
    /// <summary>Ten million in major units of a two-decimal currency: far above any digital product.</summary>
    public const long MaxAmount = 1_000_000_000;

    private const int MaxOrderReferenceLength = 200;

    public static Dictionary<string, string[]> Validate(SandboxPreAuthorizationRequest request, string? idempotencyKey)
    {
        var errors = Amount(request.Amount, request.Currency, idempotencyKey);
        if (request.CardNumber is not { Length: >= 12 and <= 19 } card || !card.All(char.IsAsciiDigit))
        {
            errors["card_number"] = ["Required: 12 to 19 digits, no spaces."];
        }

        if (request.OrderReference is not { Length: > 0 and <= MaxOrderReferenceLength } reference || string.IsNullOrWhiteSpace(reference))
        {
            errors["order_reference"] = [$"Required: 1 to {MaxOrderReferenceLength} characters."];
        }

        return errors;
    }

    public static Dictionary<string, string[]> Validate(SandboxAmountRequest request, string? idempotencyKey) =>
        Amount(request.Amount, request.Currency, idempotencyKey);

    public static Dictionary<string, string[]> ValidateKey(string? idempotencyKey)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!SandboxPaymentApi.IsValidIdempotencyKey(idempotencyKey))
        {
            errors[SandboxPaymentApi.IdempotencyKeyHeader] = ["Required header: 1 to 255 printable ASCII characters."];
        }

        return errors;
    }

    private static Dictionary<string, string[]> Amount(long? amount, string? currency, string? idempotencyKey)
    {
        var errors = ValidateKey(idempotencyKey);
        if (amount is not (> 0 and <= MaxAmount))
        {
            errors["amount"] = [$"Required: minor units, 1 to {MaxAmount}."];
        }

        if (!Money.IsCurrencyCode(currency))
        {
            errors["currency"] = ["Required: an ISO 4217 code, three upper-case letters."];
        }

        return errors;
    }
}
