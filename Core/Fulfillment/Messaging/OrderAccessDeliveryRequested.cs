namespace DigitalDelivery.Core.Fulfillment.Messaging;

/// <summary>
/// Tells DeliveryWorker to hand the customer the access an order granted (the link to their download page and any
/// license keys), to the product's destinations. It carries no token: DeliveryWorker mints the link when it
/// sends, so no usable secret ever sits in the queue.
/// </summary>
public sealed record OrderAccessDeliveryRequested(Guid OrganizationId, Guid OrderId, IReadOnlyList<string> Destinations);
