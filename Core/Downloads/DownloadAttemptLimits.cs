namespace DigitalDelivery.Core.Downloads;

/// <summary>Column lengths of <see cref="DownloadAttempt"/>; longer values are cut before they are queued.</summary>
public static class DownloadAttemptLimits
{
    public const int UserAgent = 512;
    public const int Range = 256;
    public const int Reason = 500;

    public static string? Cut(string? value, int length) => value is { Length: var n } && n > length ? value[..length] : value;
}
