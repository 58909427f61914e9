namespace DigitalDelivery.Core.Deliveries.Metrics;

/// <summary>Attempts over a time range for the current tenant: in total, per destination type, per destination.</summary>
public sealed record DeliveryMetrics(
    DateTimeOffset From, DateTimeOffset To, DeliveryMetricsRow Total, IReadOnlyList<DeliveryMetricsRow> ByType,
    IReadOnlyList<DeliveryMetricsRow> ByDestination);
