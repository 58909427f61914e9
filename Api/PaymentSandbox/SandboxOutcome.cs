using System.Text.Json.Serialization;
using DigitalDelivery.Core.Payments.Sandbox.Contracts;

namespace DigitalDelivery.Api.PaymentSandbox;

/// <summary>
/// An answer of the sandbox processor, as stored for idempotent replay: a pre-authorisation, a payment, or a
/// refusal with its status code.
/// </summary>
internal sealed record SandboxOutcome(
    int Status,
    SandboxPreAuthorizationResponse? PreAuthorization = null,
    SandboxPaymentResponse? Payment = null,
    SandboxRefusal? Refusal = null)
{
    /// <summary>True when this answer was replayed from an earlier request with the same idempotency key.</summary>
    [JsonIgnore]
    public bool Replayed { get; init; }

    public static SandboxOutcome Of(SandboxPreAuthorizationResponse response) => new(StatusCodes.Status200OK, PreAuthorization: response);

    public static SandboxOutcome Of(SandboxPaymentResponse response) => new(StatusCodes.Status200OK, Payment: response);

    public static SandboxOutcome Refused(int status, string code, string title, string detail) =>
        new(status, Refusal: new SandboxRefusal(code, title, detail));
}
