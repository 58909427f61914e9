namespace DigitalDelivery.Core.Messaging.Handling;

/// <summary>
/// What a handler knows about the message it handles. While a handler runs it is also <see cref="Current"/>, so
/// messages it enqueues carry its correlation id and name it as their cause.
/// </summary>
public sealed class MessageContext
{
    private static readonly AsyncLocal<MessageContext?> Ambient = new();

    internal MessageContext(
        Guid messageId, string queue, string messageType, Guid correlationId, Guid? causationId, int attempt,
        DateTimeOffset enqueuedAt, string? dedupeKey, int maxAttempts)
    {
        MaxAttempts = maxAttempts;
        MessageId = messageId;
        Queue = queue;
        MessageType = messageType;
        CorrelationId = correlationId;
        CausationId = causationId;
        Attempt = attempt;
        EnqueuedAt = enqueuedAt;
        DedupeKey = dedupeKey;
    }

    /// <summary>The message being handled on this async flow, if any.</summary>
    public static MessageContext? Current
    {
        get => Ambient.Value;
        internal set => Ambient.Value = value;
    }

    public Guid MessageId { get; }
    public string Queue { get; }
    public string MessageType { get; }

    /// <summary>Shared by every message descending from the same first one.</summary>
    public Guid CorrelationId { get; }

    /// <summary>The message whose handler enqueued this one.</summary>
    public Guid? CausationId { get; }

    /// <summary>1 on the first delivery; counts claims, so a crashed attempt counts too.</summary>
    public int Attempt { get; }

    /// <summary>The queue's retry budget: a failure on attempt <see cref="MaxAttempts"/> sends the message to the dead letters.</summary>
    public int MaxAttempts { get; }

    /// <summary>Whether a failure now is final (the message goes to the dead letters instead of being retried).</summary>
    public bool IsLastAttempt => Attempt >= MaxAttempts;

    public DateTimeOffset EnqueuedAt { get; }
    public string? DedupeKey { get; }

    /// <summary>The same on every delivery of this message, retries and dead-letter replays included.</summary>
    public string IdempotencyKey => MessageId.ToString("N");
}
