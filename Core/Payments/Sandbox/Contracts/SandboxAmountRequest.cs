using System.Text.Json.Serialization;

namespace DigitalDelivery.Core.Payments.Sandbox.Contracts;

/// <summary>Body of capture and refund.</summary>
public sealed record SandboxAmountRequest(
    [property: JsonPropertyName("amount")] long? Amount,
    [property: JsonPropertyName("currency")] string? Currency);
