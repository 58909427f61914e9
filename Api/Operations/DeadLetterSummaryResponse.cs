using System.Text.Json.Serialization;
using DigitalDelivery.Core.Messaging.DeadLetters;

namespace DigitalDelivery.Api.Operations;

/// <summary>A dead letter in a list: <c>last_error</c> is the first line of the last failure.</summary>
public sealed record DeadLetterSummaryResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("queue")] string Queue,
    [property: JsonPropertyName("message_type")] string MessageType,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("last_error")] string LastError,
    [property: JsonPropertyName("enqueued_at")] DateTimeOffset EnqueuedAt,
    [property: JsonPropertyName("dead_lettered_at")] DateTimeOffset DeadLetteredAt)
{
    public static DeadLetterSummaryResponse From(DeadLetterSummary s) =>
        new(s.Id, s.Queue, s.MessageType, s.Attempts, s.LastError, s.EnqueuedAt, s.DeadLetteredAt);
}
