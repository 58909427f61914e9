namespace DigitalDelivery.Core.Deliveries.Messaging;

/// <summary>The next attempt of one delivery is due (scheduled with the queue's NotBefore for retries).</summary>
public sealed record DeliveryAttemptDue(Guid OrganizationId, Guid DeliveryId);
