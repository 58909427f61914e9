namespace DigitalDelivery.Core.Downloads;

/// <summary>The outcomes of <see cref="DownloadAttempt.Outcome"/>: stable strings admins filter on.</summary>
public static class DownloadOutcomes
{
    /// <summary>Every byte asked for was sent.</summary>
    public const string Completed = "completed";

    /// <summary>The client went away (or the transfer failed) before every byte asked for was sent.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>Answered with a redirect to a short-lived storage URL.</summary>
    public const string Redirected = "redirected";

    /// <summary>HEAD: headers only.</summary>
    public const string Head = "head";

    public const string Revoked = "revoked";
    public const string Expired = "expired";
    public const string LimitReached = "limit_reached";
    public const string FileUnavailable = "file_unavailable";
    public const string RangeNotSatisfiable = "range_not_satisfiable";
}
