using System.Text.Json;
using System.Text.Json.Serialization;
using DigitalDelivery.Core.Messaging.DeadLetters;

namespace DigitalDelivery.Api.Operations;

/// <summary>
/// Everything kept about a dead letter. <c>payload</c> is the message as enqueued (JSON, and it may name customers:
/// operators need it to judge a replay, so it is answered here but never logged or audited).
/// </summary>
public sealed record DeadLetterResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("queue")] string Queue,
    [property: JsonPropertyName("message_type")] string MessageType,
    [property: JsonPropertyName("payload")] JsonElement Payload,
    [property: JsonPropertyName("priority")] int Priority,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("last_error")] string LastError,
    [property: JsonPropertyName("history")] IReadOnlyList<DeadLetterAttemptResponse> History,
    [property: JsonPropertyName("dedupe_key")] string? DedupeKey,
    [property: JsonPropertyName("correlation_id")] Guid CorrelationId,
    [property: JsonPropertyName("causation_id")] Guid? CausationId,
    [property: JsonPropertyName("traceparent")] string? TraceParent,
    [property: JsonPropertyName("enqueued_at")] DateTimeOffset EnqueuedAt,
    [property: JsonPropertyName("dead_lettered_at")] DateTimeOffset DeadLetteredAt)
{
    public static DeadLetterResponse From(DeadLetter d)
    {
        using var payload = JsonDocument.Parse(d.Payload);
        return new(
            d.Id, d.Queue, d.MessageType, payload.RootElement.Clone(), d.Priority, d.Attempts, d.LastError,
            [.. d.History.OrderBy(a => a.Attempt).Select(DeadLetterAttemptResponse.From)],
            d.DedupeKey, d.CorrelationId, d.CausationId, d.TraceParent, d.EnqueuedAt, d.DeadLetteredAt);
    }
}
