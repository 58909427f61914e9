namespace DigitalDelivery.Core.Messaging.DeadLetters;

/// <summary>Oldest first; <see cref="Next"/> is null on the last page.</summary>
public sealed record DeadLetterPage(IReadOnlyList<DeadLetterSummary> Items, DeadLetterCursor? Next);
