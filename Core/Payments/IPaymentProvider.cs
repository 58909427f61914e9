namespace DigitalDelivery.Core.Payments;

/// <summary>
/// The card processor as the order saga sees it: synchronous pre-authorisation, then capture, void or refund of
/// that authorisation. Every call carries an idempotency key: repeating a call with the same key and the same
/// arguments returns the first answer and never moves money twice, so a caller that did not hear back
/// (<see cref="PaymentProviderUnavailableException"/>) retries with the same key, or compensates.
/// Business refusals are results; only transport trouble and caller bugs are exceptions.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>Holds the amount on the card. Declines are a result, not an exception.</summary>
    /// <exception cref="PaymentProviderUnavailableException">Timeout, open circuit or processor failure: the outcome is unknown.</exception>
    /// <exception cref="PaymentIdempotencyConflictException">The key was used before for a different request.</exception>
    Task<PreAuthorizationResult> PreAuthorizeAsync(PreAuthorizationRequest request, CancellationToken cancellationToken);

    /// <summary>Captures up to the authorised amount, once. Refused when the authorisation is voided or already captured.</summary>
    Task<PaymentOperationResult> CaptureAsync(string preauthId, Money amount, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Releases an authorisation that was not captured (the saga's compensation).</summary>
    Task<PaymentOperationResult> VoidAsync(string preauthId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// Refunds part or all of a captured payment; refunds add up to at most the captured amount. The payment is
    /// identified by its pre-authorisation id for its whole life.
    /// </summary>
    Task<PaymentOperationResult> RefundAsync(string preauthId, Money amount, string idempotencyKey, CancellationToken cancellationToken);
}
