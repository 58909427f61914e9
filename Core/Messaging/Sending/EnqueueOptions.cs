namespace DigitalDelivery.Core.Messaging.Sending;

/// <summary>Per-message choices when enqueueing; all optional.</summary>
public sealed record EnqueueOptions
{
    /// <summary>0 to 10, higher first. Within a priority, first due first out.</summary>
    public int Priority { get; init; }

    /// <summary>Not delivered before this time.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>While a message with this key is unfinished in the queue, enqueueing another one does nothing.</summary>
    public string? DedupeKey { get; init; }

    /// <summary>A message id of the caller's choosing (a new version 7 Guid otherwise). Enqueueing an id that is unfinished does nothing.</summary>
    public Guid? MessageId { get; init; }

    /// <summary>Overrides the correlation id, which otherwise comes from the message being handled or is the message's own id.</summary>
    public Guid? CorrelationId { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Priority, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Priority, 10);
        if (DedupeKey is { Length: 0 or > 200 })
        {
            throw new ArgumentException("A dedupe key has 1 to 200 characters.", nameof(DedupeKey));
        }
    }
}
