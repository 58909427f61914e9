namespace DigitalDelivery.Core.Messaging.DeadLetters;

/// <summary>
/// One failed delivery of a message: the handler threw, or its lease expired (then StartedAt is unknown). Kept on
/// the message while it is retried and carried over to its dead letter.
/// </summary>
public sealed record AttemptRecord(int Attempt, DateTimeOffset? StartedAt, DateTimeOffset FailedAt, string Error);
