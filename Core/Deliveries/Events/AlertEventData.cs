namespace DigitalDelivery.Core.Deliveries;

/// <summary>The <c>data</c> of <c>alert.opened</c>, <c>alert.escalated</c> and <c>alert.resolved</c>.</summary>
public sealed record AlertEventData(
    Guid AlertId, string Rule, string Status, int EscalationLevel, Guid? DestinationId, string? DestinationName, string? DestinationType,
    double Value, double Threshold, string Message, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy);
