namespace DigitalDelivery.Core.Deliveries.Messaging;

/// <summary>
/// Something happened that a merchant's destinations may subscribe to; written by the outbox in the transaction
/// of the change itself, so an event exists exactly when its change committed. <see cref="Data"/> is JSON.
/// <see cref="Destinations"/> names destinations that get it whether or not they subscribe (a product's delivery
/// configuration: <c>webhook</c>, <c>sftp:warehouse</c>, see DeliveryDestinations). <see cref="ExceptDestinationId"/>
/// never gets it: an alert about a destination is not sent to that destination.
/// </summary>
public sealed record MerchantEventRaised(
    Guid OrganizationId, Guid EventId, string Type, DateTimeOffset OccurredAt, string Data, IReadOnlyList<string>? Destinations = null,
    Guid? ExceptDestinationId = null);
