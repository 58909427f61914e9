using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Downloads;

/// <summary>
/// One request to a file link whose token named an entitlement: what was asked for, what was answered and how many
/// bytes went out. Written in batches off the request path (<see cref="DownloadAttemptLog"/>). Requests with a
/// malformed or unknown token have no tenant and are not logged here (the rate limiter and the logs see them).
/// </summary>
public sealed class DownloadAttempt : ITenantOwned
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid OrderId { get; init; }
    public Guid DownloadAccessId { get; init; }

    /// <summary>The catalog file served; null when the request was refused before one was chosen.</summary>
    public Guid? FileId { get; init; }

    public DateTimeOffset OccurredAt { get; init; }
    public required string Method { get; init; }
    public required string IpAddress { get; init; }
    public string? UserAgent { get; init; }

    /// <summary>The Range header as sent (truncated), null without one.</summary>
    public string? Range { get; init; }

    public int StatusCode { get; init; }
    public long BytesSent { get; init; }

    /// <summary>One of <see cref="DownloadOutcomes"/>.</summary>
    public required string Outcome { get; init; }

    public string? Reason { get; init; }

    /// <summary>True when this request opened a session, i.e. counted as a download.</summary>
    public bool Counted { get; init; }
}
