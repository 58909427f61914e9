namespace DigitalDelivery.Core.Orders.Messaging;

/// <summary>
/// Scheduled at order creation for the end of the reservation window (EnqueueOptions.NotBefore). If the order is
/// still unpaid then, Worker expires it and returns its stock; otherwise the message changes nothing.
/// </summary>
public sealed record OrderReservationExpiryDue(Guid OrganizationId, Guid OrderId);
