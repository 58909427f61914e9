using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Deliveries.Alerts;

/// <summary>
/// A rule found broken for a destination (or, for the backlog, the organization): opened once while the condition
/// lasts, escalated while nobody acknowledges it, resolved when the condition clears or by an operator. Every change
/// is announced through the delivery engine (alert.opened, alert.escalated, alert.resolved) to the organization's
/// alert destinations, in the transaction that makes it.
/// </summary>
public sealed class Alert : ITenantOwned
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public required string Rule { get; init; }

    /// <summary>Null for rules about the whole organization (the backlog).</summary>
    public Guid? DestinationId { get; init; }

    public string Status { get; set; } = AlertStatuses.Open;
    public required string Message { get; set; }

    /// <summary>What was measured when it opened, then at each later check while it stayed open.</summary>
    public double Value { get; set; }

    public double Threshold { get; set; }

    /// <summary>0 when opened; 1, 2, 3 after the escalations at 1 h, 4 h and 24 h.</summary>
    public int EscalationLevel { get; set; }

    public DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The operator who resolved it; null when its condition cleared.</summary>
    public string? ResolvedBy { get; set; }

    public int Version { get; set; } = 1;
}
