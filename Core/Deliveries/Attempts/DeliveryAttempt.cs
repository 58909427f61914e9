using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Deliveries.Attempts;

/// <summary>
/// One try of a delivery: what the destination answered (or why nothing came back) and how long it took. It names
/// its destination and whether it succeeded, so health and metrics read attempts alone (one index, no join).
/// </summary>
public sealed class DeliveryAttempt : ITenantOwned
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid DeliveryId { get; init; }
    public Guid DestinationId { get; init; }
    public bool Succeeded { get; init; }
    public int Number { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public int DurationMs { get; init; }
    public int? ResponseStatus { get; init; }
    public string? Error { get; init; }
}
