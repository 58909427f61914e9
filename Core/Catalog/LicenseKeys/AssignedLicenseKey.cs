namespace DigitalDelivery.Core.Catalog.LicenseKeys;

/// <summary>A key given to one buyer: its row id and the key in clear, to be delivered and never logged.</summary>
public sealed record AssignedLicenseKey(long Id, string Key);
