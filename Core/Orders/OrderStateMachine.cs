using System.Collections.Frozen;

namespace DigitalDelivery.Core.Orders;

/// <summary>
/// The explicit transition table of an order. Anything not listed is refused, so a late or repeated event
/// (a webhook for an expired order, a second cancel) cannot move an order backwards.
/// </summary>
public static class OrderStateMachine
{
    private static readonly FrozenDictionary<string, FrozenSet<string>> Allowed = new Dictionary<string, FrozenSet<string>>
    {
        [OrderStatuses.Created] = Set(OrderStatuses.Reserved, OrderStatuses.Cancelled, OrderStatuses.Expired),
        [OrderStatuses.Reserved] = Set(OrderStatuses.Paid, OrderStatuses.Cancelled, OrderStatuses.Expired),
        [OrderStatuses.Paid] = Set(OrderStatuses.Fulfilling, OrderStatuses.Cancelled, OrderStatuses.Refunded),
        [OrderStatuses.Fulfilling] = Set(OrderStatuses.Fulfilled, OrderStatuses.Cancelled, OrderStatuses.Refunded),
        [OrderStatuses.Fulfilled] = Set(OrderStatuses.Completed, OrderStatuses.Refunded),
        [OrderStatuses.Completed] = Set(OrderStatuses.Refunded),
        [OrderStatuses.Cancelled] = Set(),
        [OrderStatuses.Expired] = Set(),
        [OrderStatuses.Refunded] = Set(),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool CanMove(string from, string to) => Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    public static IReadOnlySet<string> AllowedFrom(string from) => Allowed.TryGetValue(from, out var targets) ? targets : FrozenSet<string>.Empty;

    private static FrozenSet<string> Set(params string[] targets) => targets.ToFrozenSet(StringComparer.Ordinal);
}
