namespace DigitalDelivery.Core.Downloads;

/// <summary>Public downloads (configuration section <c>Downloads</c>); docs/downloads.md describes each setting.</summary>
public sealed class DownloadOptions
{
    public const string SectionName = "Downloads";

    public DownloadServingMode Mode { get; set; } = DownloadServingMode.Stream;

    /// <summary>Lifetime of a redirect's SAS URL: only long enough for the client to follow the redirect.</summary>
    public TimeSpan RedirectLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Requests of one client within this time of its session's last request belong to that session (count once).</summary>
    public TimeSpan SessionWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How stale a session's last_seen_at may get before a request writes it again. Requests in between are
    /// read-only (the hot path stays one query), at the price of the window ending up to this much early.
    /// </summary>
    public TimeSpan SessionTouchInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The copy buffer of a streamed download: the memory one download holds, however large the file.</summary>
    public int StreamBufferBytes { get; set; } = 128 * 1024;

    /// <summary>More ranges than this in one request are answered with the whole file (RFC 9110 lets a server ignore Range).</summary>
    public int MaxRanges { get; set; } = 16;

    /// <summary>Malformed or unknown tokens one IP may send per <see cref="InvalidTokenWindow"/> before it is answered 429.</summary>
    public int InvalidTokenPermitLimit { get; set; } = 30;

    public TimeSpan InvalidTokenWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Attempts written per statement by the attempt log.</summary>
    public int AttemptBatchSize { get; set; } = 500;

    internal static bool IsValid(DownloadOptions o) =>
        o.RedirectLifetime > TimeSpan.Zero && o.SessionWindow > TimeSpan.Zero && o.SessionTouchInterval >= TimeSpan.Zero
        && o.SessionTouchInterval < o.SessionWindow && o.StreamBufferBytes is >= 4096 and <= 4 * 1024 * 1024
        && o.MaxRanges is >= 1 and <= 1000 && o.InvalidTokenPermitLimit >= 1 && o.InvalidTokenWindow > TimeSpan.Zero && o.AttemptBatchSize is >= 1 and <= 10_000;
}
