namespace DigitalDelivery.Core.Catalog.LicenseKeys;

/// <summary>Keys read from an import, with the 1-based line each came from, and the lines that were refused.</summary>
public sealed record ParsedKeys(IReadOnlyList<(int Line, string Key)> Keys, IReadOnlyList<(int Line, string Reason)> Invalid);
