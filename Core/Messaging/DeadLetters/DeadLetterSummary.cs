namespace DigitalDelivery.Core.Messaging.DeadLetters;

/// <summary>A dead letter in a list: enough to choose what to inspect, replay or purge.</summary>
public sealed record DeadLetterSummary(
    Guid Id,
    string Queue,
    string MessageType,
    int Attempts,
    string LastError,
    DateTimeOffset EnqueuedAt,
    DateTimeOffset DeadLetteredAt);
