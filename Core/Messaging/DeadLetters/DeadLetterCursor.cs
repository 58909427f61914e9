namespace DigitalDelivery.Core.Messaging.DeadLetters;

/// <summary>Where the next page of a dead-letter list starts (keyset paging: stable while letters come and go).</summary>
public sealed record DeadLetterCursor(DateTimeOffset DeadLetteredAt, Guid Id);
