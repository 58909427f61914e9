namespace DigitalDelivery.Core.Catalog.LicenseKeys;

/// <summary>What an import did: how many keys were added, which lines were duplicates (of the pool or of earlier lines) and which were refused.</summary>
public sealed record ImportedKeys(
    int Imported,
    IReadOnlyList<(int Line, string Masked)> Duplicates,
    IReadOnlyList<(int Line, string Reason)> Invalid,
    LicenseKeyCounts Counts);
