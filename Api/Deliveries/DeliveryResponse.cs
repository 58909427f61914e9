using System.Text.Json.Serialization;
using DigitalDelivery.Core.Deliveries.Attempts;
using DigitalDelivery.Core.Deliveries.Requests;

namespace DigitalDelivery.Api.Deliveries;

/// <summary>A delivery; <c>attempts</c> only on the single read. <c>result</c> says where a delivered payload landed.</summary>
public sealed record DeliveryResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("destination_id")] Guid DestinationId,
    [property: JsonPropertyName("event_id")] Guid EventId,
    [property: JsonPropertyName("event_type")] string EventType,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("priority")] int Priority,
    [property: JsonPropertyName("tags")] string[] Tags,
    [property: JsonPropertyName("idempotency_key")] string? IdempotencyKey,
    [property: JsonPropertyName("attempt_count")] int AttemptCount,
    [property: JsonPropertyName("next_attempt_at")] DateTimeOffset? NextAttemptAt,
    [property: JsonPropertyName("last_response_status")] int? LastResponseStatus,
    [property: JsonPropertyName("last_error")] string? LastError,
    [property: JsonPropertyName("result")] string? Result,
    [property: JsonPropertyName("correlation_id")] Guid CorrelationId,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("delivered_at")] DateTimeOffset? DeliveredAt,
    [property: JsonPropertyName("failed_at")] DateTimeOffset? FailedAt,
    [property: JsonPropertyName("attempts")] IReadOnlyList<DeliveryResponse.Attempt>? Attempts)
{
    public sealed record Attempt(
        [property: JsonPropertyName("number")] int Number,
        [property: JsonPropertyName("started_at")] DateTimeOffset StartedAt,
        [property: JsonPropertyName("duration_ms")] int DurationMs,
        [property: JsonPropertyName("response_status")] int? ResponseStatus,
        [property: JsonPropertyName("error")] string? Error);

    public static DeliveryResponse From(Delivery d, IEnumerable<DeliveryAttempt>? attempts = null) => new(
        d.Id, d.DestinationId, d.EventId, d.EventType, d.Status, d.Priority, d.Tags, d.IdempotencyKey, d.Attempts, d.NextAttemptAt,
        d.LastResponseStatus, d.LastError, d.Result, d.CorrelationId, d.CreatedAt, d.DeliveredAt, d.FailedAt,
        attempts?.OrderBy(a => a.Number).Select(a => new Attempt(a.Number, a.StartedAt, a.DurationMs, a.ResponseStatus, a.Error)).ToList());
}
