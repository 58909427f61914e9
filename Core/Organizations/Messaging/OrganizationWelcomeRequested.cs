namespace DigitalDelivery.Core.Organizations.Messaging;

/// <summary>Worker asks DeliveryWorker to welcome a new merchant (the first thing the delivery queue carries).</summary>
public sealed record OrganizationWelcomeRequested(Guid OrganizationId, string Name, string Slug);
