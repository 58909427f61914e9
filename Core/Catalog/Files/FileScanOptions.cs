namespace DigitalDelivery.Core.Catalog.Files;

/// <summary>
/// How Worker consumes the file-scans queue (section <c>Catalog:Scanning</c>). Retries cover clamd or storage being
/// unreachable; the attempt numbered <see cref="MaxAttempts"/> flags the file ScanFailed instead of failing again.
/// </summary>
public sealed class FileScanOptions
{
    public const string SectionName = "Catalog:Scanning";

    /// <summary>Scans at once per Worker instance; clamd scans MaxThreads streams at a time and queues the rest.</summary>
    public int Concurrency { get; set; } = 2;

    public int MaxAttempts { get; set; } = 8;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);
}
