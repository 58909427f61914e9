namespace DigitalDelivery.Core.Deliveries.Metrics;

/// <summary>
/// One group of attempts: a destination (with its type), a whole type (no destination), or every attempt (neither).
/// Failures are split by whether the destination answered at all (a status) or not (timeout, refused, DNS).
/// </summary>
public sealed record DeliveryMetricsRow(
    Guid? DestinationId, string? Type, long Attempts, long Succeeded, long FailedWithResponse, long FailedWithoutResponse,
    long Retries, double? AverageMs, double? P50Ms, double? P95Ms, double? P99Ms)
{
    public double? SuccessRate => Attempts == 0 ? null : (double)Succeeded / Attempts;
}
