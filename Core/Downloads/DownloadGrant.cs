namespace DigitalDelivery.Core.Downloads;

/// <summary>
/// Everything a download request needs to know about a file token, read in one query: the link, its entitlement,
/// the file that entitlement serves (null when none is Clean) and when this client's session last saw a request.
/// A snapshot of one request; never cached across requests, so a revoke takes effect on the next one.
/// </summary>
public sealed record DownloadGrant(
    Guid OrganizationId,
    Guid OrderId,
    string Kind,
    DateTimeOffset? LinkExpiresAt,
    DateTimeOffset? LinkRevokedAt,
    Guid? DownloadAccessId,
    int? MaxDownloads,
    int DownloadsUsed,
    DateTimeOffset? AccessExpiresAt,
    DateTimeOffset? AccessRevokedAt,
    GrantedFile? File,
    DateTimeOffset? SessionLastSeenAt);
