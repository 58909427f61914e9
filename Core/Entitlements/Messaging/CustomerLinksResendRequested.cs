namespace DigitalDelivery.Core.Entitlements.Messaging;

/// <summary>
/// A customer asked for fresh links for an email address. Enqueued for every well-formed address, known or not,
/// so the public endpoint answers the same way and takes the same time; DeliveryWorker looks for the address's
/// orders with live entitlements (in every tenant) and requests an access delivery for each.
/// </summary>
public sealed record CustomerLinksResendRequested(string Email);
