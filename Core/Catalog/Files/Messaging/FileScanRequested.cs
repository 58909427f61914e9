namespace DigitalDelivery.Core.Catalog.Files.Messaging;

/// <summary>An upload was stored and must be scanned. Enqueued in the same transaction as the file's row.</summary>
public sealed record FileScanRequested(Guid OrganizationId, Guid FileId);
