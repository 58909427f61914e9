namespace DigitalDelivery.Core.Payments;

/// <summary>A payment as the processor holds it after an operation.</summary>
/// <param name="Authorized">The amount held by the pre-authorisation.</param>
public sealed record PaymentSnapshot(
    string PreauthId,
    PaymentStatus Status,
    Money Authorized,
    long CapturedMinorUnits,
    long RefundedMinorUnits,
    string OrderReference);
