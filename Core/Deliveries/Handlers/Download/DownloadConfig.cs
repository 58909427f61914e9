namespace DigitalDelivery.Core.Deliveries.Handlers.Download;

/// <summary>A download destination's settings: how long each delivery's link works and how many downloads it allows.</summary>
public sealed record DownloadConfig(int? ExpiresInHours = null, int? MaxDownloads = null)
{
    public const int DefaultExpiresInHours = 168;
    public const int MaxExpiresInHours = 720;
    public const int DefaultMaxDownloads = 5;
    public const int MaxMaxDownloads = 100;

    public TimeSpan Lifetime => TimeSpan.FromHours(ExpiresInHours ?? DefaultExpiresInHours);

    public int Downloads => MaxDownloads ?? DefaultMaxDownloads;
}
