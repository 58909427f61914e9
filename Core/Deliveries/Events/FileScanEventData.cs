namespace DigitalDelivery.Core.Deliveries;

/// <summary>The <c>data</c> of <c>file.infected</c> and <c>file.scan_failed</c>: the upload can be neither attached nor served.</summary>
public sealed record FileScanEventData(Guid FileId, string FileName, string Status, string? Detail, DateTimeOffset ScannedAt);
