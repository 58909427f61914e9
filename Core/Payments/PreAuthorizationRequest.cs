namespace DigitalDelivery.Core.Payments;

/// <summary>
/// What a pre-authorisation needs. <paramref name="CardNumber"/> is a card token in a real integration; the
/// sandbox takes test card numbers (see Sandbox.SandboxTestCards), which choose the outcome.
/// </summary>
/// <param name="OrderReference">Echoed in every webhook about this payment, so the platform can find the order.</param>
/// <param name="IdempotencyKey">Stable per attempt, e.g. "order-{id}:preauth"; a retry reuses it.</param>
public sealed record PreAuthorizationRequest(Money Amount, string CardNumber, string OrderReference, string IdempotencyKey)
{
    // The card number must never reach a log through the record's generated ToString.
    public override string ToString() =>
        $"PreAuthorizationRequest {{ Amount = {Amount}, OrderReference = {OrderReference}, IdempotencyKey = {IdempotencyKey} }}";
}
