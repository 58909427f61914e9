using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Operations;

/// <summary>
/// Which dead letters a bulk replay or purge applies to: the fields combine with AND, <c>from</c> (inclusive) and
/// <c>to</c> (exclusive) bound <c>dead_lettered_at</c> as ISO 8601 times. An empty filter is refused unless
/// <c>all</c> is true, so a forgotten body never empties or replays every queue.
/// </summary>
public sealed record DeadLetterFilterRequest(
    [property: JsonPropertyName("queue"), StringLength(DeadLetterQuery.MaxQueueLength)] string? Queue = null,
    [property: JsonPropertyName("message_type"), StringLength(DeadLetterQuery.MaxMessageTypeLength)] string? MessageType = null,
    [property: JsonPropertyName("from"), StringLength(DeadLetterQuery.MaxTimeLength)] string? From = null,
    [property: JsonPropertyName("to"), StringLength(DeadLetterQuery.MaxTimeLength)] string? To = null,
    [property: JsonPropertyName("all")] bool? All = null);
