namespace DigitalDelivery.Core.Organizations.Messaging;

/// <summary>A merchant was registered. Enqueued in the same transaction as the organization row; Worker reacts.</summary>
public sealed record OrganizationCreated(Guid OrganizationId, string Name, string Slug, DateTimeOffset CreatedAt);
