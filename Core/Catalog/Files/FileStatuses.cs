namespace DigitalDelivery.Core.Catalog.Files;

/// <summary>
/// Where an uploaded file stands with the virus scanner. Only <see cref="Clean"/> files are ever served or
/// attached to an active product; <see cref="Infected"/> files are quarantined (kept, never served).
/// </summary>
public static class FileStatuses
{
    public const string Pending = "pending";
    public const string Clean = "clean";
    public const string Infected = "infected";
    public const string ScanFailed = "scan_failed";

    public static IReadOnlyList<string> All { get; } = [Pending, Clean, Infected, ScanFailed];
}
