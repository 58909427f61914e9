namespace DigitalDelivery.Core.Scanning;

/// <summary>
/// What clamd said about one stream. A closed union: <see cref="Clean"/>, <see cref="Infected"/> or
/// <see cref="Failed"/>. Not being able to reach clamd at all is not a result but a
/// <see cref="ClamAvUnavailableException"/>, so a caller cannot mistake an outage for a verdict.
/// </summary>
public abstract record ScanResult
{
    private ScanResult()
    {
    }

    /// <summary>No signature matched.</summary>
    public sealed record Clean : ScanResult;

    /// <summary>A signature matched; <paramref name="Signature"/> is its name as clamd reports it.</summary>
    public sealed record Infected(string Signature) : ScanResult;

    /// <summary>
    /// clamd answered but could not give a verdict. <paramref name="LimitExceeded"/> is true when one of clamd's
    /// limits stopped the scan (StreamMaxLength, MaxFileSize, MaxScanSize, MaxScanTime...): retrying the same
    /// content will fail the same way until the limit is raised. Other errors may be transient.
    /// </summary>
    public sealed record Failed(string Reason, bool LimitExceeded) : ScanResult;
}
