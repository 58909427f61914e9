using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Deliveries;

/// <summary>A delivery request's deliveries, one per destination; <c>replayed</c> when an idempotency key matched.</summary>
public sealed record SubmittedDeliveriesResponse(
    [property: JsonPropertyName("request_id")] Guid RequestId,
    [property: JsonPropertyName("replayed")] bool Replayed,
    [property: JsonPropertyName("deliveries")] IReadOnlyList<DeliveryResponse> Deliveries);
