namespace DigitalDelivery.Core.Fulfillment.Messaging;

/// <summary>
/// Starts (or restarts) the fulfillment of a paid order in Worker: enqueued with the Paid transition when every
/// product fulfils on payment, or by the manual fulfil call. Handling it twice grants nothing twice.
/// </summary>
public sealed record OrderFulfillmentRequested(Guid OrganizationId, Guid OrderId);
