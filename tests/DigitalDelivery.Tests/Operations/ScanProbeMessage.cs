namespace DigitalDelivery.Tests.Operations;

/// <summary>Consumed on the file-scans queue by <see cref="ScanProbeHandler"/>; carries an email as real payloads do.</summary>
public sealed record ScanProbeMessage(string CustomerEmail);
