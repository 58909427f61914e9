using System.Text.Json.Serialization;

namespace DigitalDelivery.Core.Payments.Sandbox.Contracts;

/// <summary>The synchronous answer: <c>outcome</c> APPROVED or DECLINED, and the id of the attempt either way.</summary>
public sealed record SandboxPreAuthorizationResponse(
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("preauth_id")] string PreauthId,
    [property: JsonPropertyName("decline_code")] string? DeclineCode,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("order_reference")] string OrderReference);
