namespace DigitalDelivery.Core.Messaging.Consuming;

/// <summary>A message this consumer holds a lease on (until another claim or the sweep takes it away).</summary>
internal sealed record ClaimedMessage(
    Guid Id,
    string Queue,
    string MessageType,
    string Payload,
    short Priority,
    DateTimeOffset RunAt,
    DateTimeOffset EnqueuedAt,
    int Attempt,
    Guid LockToken,
    string? DedupeKey,
    Guid CorrelationId,
    Guid? CausationId,
    string? TraceParent,
    string? TraceState);
