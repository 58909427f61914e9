using System.Globalization;
using DigitalDelivery.Api.Problems;
using DigitalDelivery.Core.Messaging;
using DigitalDelivery.Core.Messaging.DeadLetters;

namespace DigitalDelivery.Api.Operations;

/// <summary>
/// Turns the filter fields of a list (query) or a bulk operation (body) into a <see cref="DeadLetterFilter"/>, or
/// into field errors: an unknown queue, a refused character, a time that is not ISO 8601, a range that ends before
/// it starts. The errors never repeat the value sent.
/// </summary>
public static class DeadLetterQuery
{
    public const int MaxQueueLength = 63;
    public const int MaxMessageTypeLength = 200;
    public const int MaxTimeLength = 64;

    public static DeadLetterFilter? Parse(string? queue, string? messageType, string? from, string? to, Dictionary<string, string[]> errors)
    {
        if (queue is not null && !QueueNames.All.Contains(queue, StringComparer.Ordinal))
        {
            errors["queue"] = [$"queue must be one of {string.Join(", ", QueueNames.All)}."];
        }

        if (messageType is not null && (messageType.Length is 0 or > MaxMessageTypeLength || TextPolicy.FirstRefused(messageType) is not null))
        {
            errors["message_type"] = [$"message_type must be 1 to {MaxMessageTypeLength} characters without control or bidi characters."];
        }

        var start = ParseTime("from", from, errors);
        var end = ParseTime("to", to, errors);
        if (start is not null && end is not null && end <= start)
        {
            errors["to"] = ["to must be later than from."];
        }

        return errors.Count > 0 ? null : new DeadLetterFilter(queue, messageType, start, end);
    }

    public static bool IsEmpty(DeadLetterFilter filter) =>
        filter is { Queue: null, MessageType: null, DeadLetteredFrom: null, DeadLetteredBefore: null };

    /// <summary>For the audit log: the filter's fields, never a payload.</summary>
    public static string Describe(DeadLetterFilter filter) => IsEmpty(filter)
        ? "all dead letters"
        : string.Join("; ", new[]
        {
            filter.Queue is null ? null : $"queue={filter.Queue}",
            filter.MessageType is null ? null : $"message_type={filter.MessageType}",
            filter.DeadLetteredFrom is null ? null : $"from={filter.DeadLetteredFrom.Value.ToUniversalTime():O}",
            filter.DeadLetteredBefore is null ? null : $"to={filter.DeadLetteredBefore.Value.ToUniversalTime():O}",
        }.OfType<string>());

    private static DateTimeOffset? ParseTime(string field, string? value, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        // ISO 8601 only (it starts with a four-digit year): TryParse alone would also take "12/03/2026" and guess.
        if (value.Length is >= 10 and <= MaxTimeLength
            && char.IsAsciiDigit(value[0]) && char.IsAsciiDigit(value[1]) && char.IsAsciiDigit(value[2]) && char.IsAsciiDigit(value[3]) && value[4] == '-'
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        errors[field] = [$"{field} must be an ISO 8601 time such as 2026-12-03T10:00:00Z (in a query string, send '+' in an offset as %2B)."];
        return null;
    }
}
