namespace DigitalDelivery.Core.Deliveries.Destinations;

/// <summary>
/// Subscriptions: <c>order.fulfilled</c> matches itself, <c>order.*</c> every order event, <c>*</c> every business
/// event. Alerts (<c>alert.*</c>) go only where they are named: a storefront's webhook subscribed to everything
/// should not start receiving operations' pages, and a broken destination must not be where its own alert goes.
/// </summary>
public static class EventPatterns
{
    public static bool Matches(string pattern, string eventType) =>
        (pattern == "*" && !MerchantEventTypes.IsOperational(eventType))
        || string.Equals(pattern, eventType, StringComparison.Ordinal)
        || (pattern.EndsWith(".*", StringComparison.Ordinal) && eventType.StartsWith(pattern[..^1], StringComparison.Ordinal));

    public static bool MatchesAny(IEnumerable<string> patterns, string eventType) => patterns.Any(p => Matches(p, eventType));

    /// <summary>A pattern is a known event type, a known family with <c>.*</c>, or <c>*</c>.</summary>
    public static bool IsValid(string pattern) =>
        pattern == "*"
        || MerchantEventTypes.All.Contains(pattern, StringComparer.Ordinal)
        || (pattern.EndsWith(".*", StringComparison.Ordinal) && MerchantEventTypes.All.Any(t => t.StartsWith(pattern[..^1], StringComparison.Ordinal)));
}
