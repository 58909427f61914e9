namespace DigitalDelivery.Core.Entitlements;

/// <summary>What a customer can do with one entitlement right now, as the page shows it.</summary>
public static class AccessStates
{
    public const string Available = "available";
    public const string Revoked = "revoked";
    public const string Expired = "expired";
    public const string LimitReached = "limit-reached";

    /// <summary>The file cannot be served (no Clean file for the purchased version): nothing the customer did.</summary>
    public const string Unavailable = "unavailable";

    /// <param name="fileServable">Whether the catalog has a Clean file for it.</param>
    public static string Of(DownloadAccess access, DateTimeOffset now, bool fileServable) =>
        access.IsRevoked ? Revoked
        : access.IsExpiredAt(now) ? Expired
        : access.IsExhausted ? LimitReached
        : !fileServable ? Unavailable
        : Available;

    /// <summary>Whether the entitlement can still be used (or become usable again: a file pending rescan).</summary>
    public static bool IsLive(DownloadAccess access, DateTimeOffset now) =>
        !access.IsRevoked && !access.IsExpiredAt(now) && !access.IsExhausted;
}
