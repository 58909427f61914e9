namespace DigitalDelivery.Core.Messaging.DeadLetters;

/// <summary>Everything kept about a message that ran out of attempts.</summary>
public sealed record DeadLetter(
    Guid Id,
    string Queue,
    string MessageType,
    string Payload,
    int Priority,
    int Attempts,
    string LastError,
    IReadOnlyList<AttemptRecord> History,
    string? DedupeKey,
    Guid CorrelationId,
    Guid? CausationId,
    string? TraceParent,
    DateTimeOffset EnqueuedAt,
    DateTimeOffset DeadLetteredAt);
