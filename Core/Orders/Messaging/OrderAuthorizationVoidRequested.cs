namespace DigitalDelivery.Core.Orders.Messaging;

/// <summary>
/// Compensation for an authorisation whose order ended unpaid (cancelled or expired, before or after the card was
/// approved): Worker voids it with <c>order-{OrderId}:void</c>, so the customer's funds are released now instead of
/// when the hold lapses at the processor. If a capture won the race, Worker refunds the amount instead.
/// </summary>
public sealed record OrderAuthorizationVoidRequested(Guid OrganizationId, Guid OrderId, string PreauthId, long AmountMinor, string Currency);
