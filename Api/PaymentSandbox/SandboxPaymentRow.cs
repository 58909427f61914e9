using DigitalDelivery.Core.Payments;
using DigitalDelivery.Core.Payments.Sandbox;
using DigitalDelivery.Core.Payments.Sandbox.Contracts;

namespace DigitalDelivery.Api.PaymentSandbox;

/// <summary>A row of sandbox_payments.</summary>
internal sealed record SandboxPaymentRow(
    string Id,
    PaymentStatus Status,
    long Amount,
    string Currency,
    long CapturedAmount,
    long RefundedAmount,
    string OrderReference,
    string CardLast4,
    string? DeclineCode)
{
    public SandboxPaymentResponse ToResponse() =>
        new(Id, SandboxWire.ToWire(Status), Amount, Currency, CapturedAmount, RefundedAmount, OrderReference, CardLast4);

    public SandboxPreAuthorizationResponse ToPreAuthorizationResponse() =>
        new(Status == PaymentStatus.Declined ? SandboxWire.Declined : SandboxWire.Approved, Id, DeclineCode, Amount, Currency, OrderReference);
}
