namespace DigitalDelivery.Core.Messaging.DeadLetters;

/// <summary>Which dead letters an operation applies to; every part is optional and they combine with AND.</summary>
public sealed record DeadLetterFilter(
    string? Queue = null,
    string? MessageType = null,
    DateTimeOffset? DeadLetteredFrom = null,
    DateTimeOffset? DeadLetteredBefore = null)
{
    public static DeadLetterFilter All { get; } = new();
}
