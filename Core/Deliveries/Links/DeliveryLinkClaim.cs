namespace DigitalDelivery.Core.Deliveries.Links;

/// <summary>What a download link's token says, once its protection is verified: whose delivery, how many downloads, until when.</summary>
public sealed record DeliveryLinkClaim(Guid OrganizationId, Guid DeliveryId, int MaxDownloads, DateTimeOffset ExpiresAt);
