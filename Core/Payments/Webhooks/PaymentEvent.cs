namespace DigitalDelivery.Core.Payments.Webhooks;

/// <summary>
/// What the processor tells the platform happened to a payment. <paramref name="Type"/> is one of
/// <see cref="PaymentEventTypes"/> (kept a string so a new type from the processor is still delivered, not a
/// 400). <paramref name="Amount"/> is the amount of this operation: authorised, captured, voided or refunded.
/// Deliveries can repeat and arrive out of order; <paramref name="Id"/> is unique per event.
/// </summary>
/// <param name="DeclineCode">Only on payment.declined: declined, insufficient_funds, incorrect_number.</param>
public sealed record PaymentEvent(
    string Id,
    string Type,
    DateTimeOffset CreatedAt,
    string PreauthId,
    Money Amount,
    string OrderReference,
    string? DeclineCode = null);
