namespace DigitalDelivery.Core.Deliveries.Health;

/// <summary>A destination's attempts in the alert window: what the rate and response-time rules read.</summary>
public sealed record DestinationWindowStats(Guid DestinationId, long Attempts, long Failures, double? AverageMs, double? P95Ms)
{
    public static DestinationWindowStats Empty(Guid destinationId) => new(destinationId, 0, 0, null, null);

    public double? FailureRate => Attempts == 0 ? null : (double)Failures / Attempts;
}
