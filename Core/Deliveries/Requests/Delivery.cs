using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Deliveries.Requests;

/// <summary>
/// One event on its way to one destination, with its own attempts: a fan-out to three destinations is three
/// deliveries that succeed, retry and fail independently. (destination, event) is unique, so a redelivered event
/// creates nothing twice.
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
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
