using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Orders;

/// <summary>
/// A customer's purchase. Amounts are in the currency's minor units, computed on the server from the products'
/// prices at creation. <see cref="Status"/> changes only through <see cref="MoveTo"/>, which checks
/// <see cref="OrderStateMachine"/> and records an <see cref="OrderTransition"/>.
/// </summary>
public sealed class Order : ITenantOwned
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public required string CustomerEmail { get; init; }
    public required string CustomerName { get; init; }
    public string Status { get; private set; } = OrderStatuses.Created;
    public long TotalMinor { get; set; }
    public required string Currency { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When an unpaid reservation lapses; null once the order no longer holds one.</summary>
    public DateTimeOffset? ReservationExpiresAt { get; set; }

    /// <summary>Why the order was cancelled, expired or refunded.</summary>
    public string? Reason { get; set; }

    /// <summary>The processor's pre-authorisation, once the card was approved.</summary>
    public string? PreauthId { get; set; }

    public int Version { get; set; } = 1;

    public List<OrderLine> Lines { get; init; } = [];
    public List<OrderTransition> Transitions { get; init; } = [];

    /// <exception cref="OrderTransitionRefusedException">The table does not allow the move.</exception>
    public OrderTransition MoveTo(string status, string cause, DateTimeOffset at)
    {
        if (!OrderStateMachine.CanMove(Status, status))
        {
            throw new OrderTransitionRefusedException(Id, Status, status);
        }

        var from = Status;
        Status = status;
        UpdatedAt = at;
        Version++;
        return OrderTransition.Record(this, from, status, cause, at);
    }

    /// <summary>The first transition (into <see cref="OrderStatuses.Created"/>), for a new order.</summary>
    public OrderTransition Start(string cause, DateTimeOffset at) => OrderTransition.Record(this, null, OrderStatuses.Created, cause, at);
}
