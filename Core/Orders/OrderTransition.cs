using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Orders;

/// <summary>One step of an order's timeline: from which state to which, when and why.</summary>
public sealed class OrderTransition : ITenantOwned
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid OrderId { get; init; }
    /// <summary>1 for the first transition of an order, then the order's version after the move; unique per order.</summary>
    public int Sequence { get; init; }
    public string? FromStatus { get; init; }
    public required string ToStatus { get; init; }
    public required string Cause { get; init; }
    public DateTimeOffset OccurredAt { get; init; }

    internal static OrderTransition Record(Order order, string? from, string to, string cause, DateTimeOffset at)
    {
        var transition = new OrderTransition
        {
            Id = Guid.CreateVersion7(at),
            OrganizationId = order.OrganizationId,
            OrderId = order.Id,
            Sequence = order.Version,
            FromStatus = from,
            ToStatus = to,
            Cause = cause.Length > 500 ? cause[..500] : cause,
            OccurredAt = at,
        };
        order.Transitions.Add(transition);
        return transition;
    }
}
