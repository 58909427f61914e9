using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Deliveries.Requests;

/// <summary>
/// One event on its way to one destination, with its own attempts: a fan-out to three destinations is three
/// deliveries that succeed, retry and fail independently. The event is a merchant event the order flow raised, or a
/// producer's delivery request (<see cref="IdempotencyKey"/>, <see cref="Tags"/>, <see cref="Priority"/>). (destination,
/// event) is unique, so a redelivered event or a resubmitted request creates nothing twice.
/// </summary>
public sealed class Delivery : ITenantOwned
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid DestinationId { get; init; }
    public Guid EventId { get; init; }
    public required string EventType { get; init; }

    /// <summary>The exact bytes sent (and signed): the event envelope as JSON.</summary>
    public required string Payload { get; init; }

    public string Status { get; set; } = DeliveryStatuses.Pending;
    public int Attempts { get; set; }

    /// <summary>Attempts made before the last manual retry: a retry by hand gives the delivery a full budget again.</summary>
    public int AttemptsBeforeRetry { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public int? LastResponseStatus { get; set; }
    public string? LastError { get; set; }
    public Guid CorrelationId { get; init; }

    /// <summary>0 to 10, higher first: the attempts' queue priority.</summary>
    public int Priority { get; init; }

    /// <summary>The producer's key for a delivery request: a resubmission with it returns the first request's deliveries.</summary>
    public string? IdempotencyKey { get; init; }

    public string[] Tags { get; init; } = [];

    /// <summary>
    /// Catalog files sent with the payload (clean when submitted, checked again at every attempt). The payload lists
    /// them; the bytes are streamed from Blob storage by the handler at each attempt and never stored twice.
    /// </summary>
    public Guid[] FileIds { get; init; } = [];

    /// <summary>Where the delivered payload landed: an object name, a remote path, a message id, a link.</summary>
    public string? Result { get; set; }

    /// <summary>Downloads through a download destination's link, counted atomically against the link's limit.</summary>
    public int DownloadCount { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>When it was spent (attempts used up or refused for good): dead letters are replayed and purged by it.</summary>
    public DateTimeOffset? FailedAt { get; set; }
}
