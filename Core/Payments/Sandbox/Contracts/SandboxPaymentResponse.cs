using System.Text.Json.Serialization;

namespace DigitalDelivery.Core.Payments.Sandbox.Contracts;

/// <summary>A payment's state, the answer to capture, void, refund and GET.</summary>
public sealed record SandboxPaymentResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("captured_amount")] long CapturedAmount,
    [property: JsonPropertyName("refunded_amount")] long RefundedAmount,
    [property: JsonPropertyName("order_reference")] string OrderReference,
    [property: JsonPropertyName("card_last4")] string CardLast4);
