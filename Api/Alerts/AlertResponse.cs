using System.Text.Json.Serialization;
using DigitalDelivery.Core.Deliveries.Alerts;

namespace DigitalDelivery.Api.Alerts;

/// <summary>An alert as operators see it: the rule, what was measured against what, and who did what with it when.</summary>
public sealed record AlertResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("destination_id")] Guid? DestinationId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("escalation_level")] int EscalationLevel,
    [property: JsonPropertyName("opened_at")] DateTimeOffset OpenedAt,
    [property: JsonPropertyName("escalated_at")] DateTimeOffset? EscalatedAt,
    [property: JsonPropertyName("acknowledged_at")] DateTimeOffset? AcknowledgedAt,
    [property: JsonPropertyName("acknowledged_by")] string? AcknowledgedBy,
    [property: JsonPropertyName("resolved_at")] DateTimeOffset? ResolvedAt,
    [property: JsonPropertyName("resolved_by")] string? ResolvedBy)
{
    public static AlertResponse From(Alert a) => new(
        a.Id, a.Rule, a.DestinationId, a.Status, a.Message, a.Value, a.Threshold, a.EscalationLevel, a.OpenedAt, a.EscalatedAt,
        a.AcknowledgedAt, a.AcknowledgedBy, a.ResolvedAt, a.ResolvedBy);
}
