using System.Text.Json.Serialization;
using DigitalDelivery.Core.Deliveries.Metrics;

namespace DigitalDelivery.Api.Deliveries.Metrics;

/// <summary>Delivery attempts started in [from, to): in total, per destination type, per destination (busiest first).</summary>
public sealed record DeliveryMetricsResponse(
    [property: JsonPropertyName("from")] DateTimeOffset From,
    [property: JsonPropertyName("to")] DateTimeOffset To,
    [property: JsonPropertyName("total")] DeliveryMetricsFiguresResponse Total,
    [property: JsonPropertyName("by_type")] DeliveryMetricsFiguresResponse[] ByType,
    [property: JsonPropertyName("by_destination")] DeliveryMetricsFiguresResponse[] ByDestination)
{
    public static DeliveryMetricsResponse Of(DeliveryMetrics metrics) => new(
        metrics.From, metrics.To, DeliveryMetricsFiguresResponse.From(metrics.Total),
        [.. metrics.ByType.Select(DeliveryMetricsFiguresResponse.From)], [.. metrics.ByDestination.Select(DeliveryMetricsFiguresResponse.From)]);
}
