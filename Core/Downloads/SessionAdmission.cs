namespace DigitalDelivery.Core.Downloads;

/// <summary>What <see cref="DownloadSessions.AdmitAsync"/> decided for a request that is about to send bytes.</summary>
public enum SessionAdmission
{
    /// <summary>The client's session is open: already paid for, not counted again.</summary>
    Joined,

    /// <summary>A new session was opened and counted.</summary>
    Opened,

    /// <summary>No open session and no download left.</summary>
    LimitReached,

    /// <summary>Revoked between the lookup and the count.</summary>
    Revoked,

    /// <summary>Expired between the lookup and the count.</summary>
    Expired,
}
