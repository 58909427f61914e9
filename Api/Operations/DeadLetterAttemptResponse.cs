using System.Text.Json.Serialization;
using DigitalDelivery.Core.Messaging.DeadLetters;

namespace DigitalDelivery.Api.Operations;

/// <summary>One failed attempt; <c>started_at</c> is null when the attempt's lease expired (the handler never reported).</summary>
public sealed record DeadLetterAttemptResponse(
    [property: JsonPropertyName("attempt")] int Attempt,
    [property: JsonPropertyName("started_at")] DateTimeOffset? StartedAt,
    [property: JsonPropertyName("failed_at")] DateTimeOffset FailedAt,
    [property: JsonPropertyName("error")] string Error)
{
    public static DeadLetterAttemptResponse From(AttemptRecord a) => new(a.Attempt, a.StartedAt, a.FailedAt, a.Error);
}
