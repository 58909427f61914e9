using System.Text.Json.Serialization;

namespace DigitalDelivery.Core.Payments.Sandbox.Contracts;

/// <summary>POST /sandbox/payments/v1/preauthorizations. Fields are nullable so a missing one is a 400 with its name.</summary>
public sealed record SandboxPreAuthorizationRequest(
    [property: JsonPropertyName("amount")] long? Amount,
    [property: JsonPropertyName("currency")] string? Currency,
    [property: JsonPropertyName("card_number")] string? CardNumber,
    [property: JsonPropertyName("order_reference")] string? OrderReference)
{
    public override string ToString() =>
        $"SandboxPreAuthorizationRequest {{ Amount = {Amount}, Currency = {Currency}, OrderReference = {OrderReference} }}";
}
