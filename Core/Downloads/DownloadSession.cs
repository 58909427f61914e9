using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Downloads;

/// <summary>
/// One client's download session of one entitlement: the unit <see cref="Entitlements.DownloadAccess.DownloadsUsed"/>
/// counts. The client is a fingerprint (SHA-256 of IP and user agent), so the parallel and resumed Range requests of a
/// download manager fall into one session. There is one row per entitlement and client, reused: a request after the
/// window has lapsed (measured from <see cref="LastSeenAt"/>) opens the next session in the same row and counts again.
/// </summary>
public sealed class DownloadSession : ITenantOwned
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid DownloadAccessId { get; init; }

    /// <summary>SHA-256 of the client's IP address and user agent; see <see cref="ClientFingerprint"/>.</summary>
    public required byte[] ClientFingerprint { get; init; }

    /// <summary>When the current session was opened (and counted).</summary>
    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>The last request of the current session; the window is measured from here.</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>Sessions this client has opened on the entitlement, i.e. downloads it was counted for.</summary>
    public int SessionsOpened { get; set; }
}
