namespace DigitalDelivery.Core.Orders.Messaging;

/// <summary>
/// The saga's capture step, enqueued by the payment.authorized webhook in its transaction. Worker captures with
/// the key <c>order-{OrderId}:capture</c> on every attempt, so a retry or redelivery never captures twice.
/// </summary>
public sealed record OrderCaptureRequested(Guid OrganizationId, Guid OrderId, string PreauthId, long AmountMinor, string Currency);
