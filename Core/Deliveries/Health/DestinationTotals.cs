namespace DigitalDelivery.Core.Deliveries.Health;

/// <summary>A destination's whole history: deliveries made for it, failed attempts, the last success.</summary>
public sealed record DestinationTotals(Guid DestinationId, long Deliveries, long Attempts, long FailedAttempts, DateTimeOffset? LastSuccessAt)
{
    public static DestinationTotals Empty(Guid destinationId) => new(destinationId, 0, 0, 0, null);
}
