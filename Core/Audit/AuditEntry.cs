using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Audit;

/// <summary>
/// One row of the append-only audit trail: who (a user or an API client) did what to which entity of which
/// tenant, from where. The database refuses UPDATE, DELETE and TRUNCATE on it.
/// </summary>
public sealed class AuditEntry : ITenantOwned
{
    public long Id { get; init; }
    public Guid OrganizationId { get; init; }
    public required string ActorType { get; init; }
    public required string ActorId { get; init; }
    public required string Action { get; init; }
    public string? EntityType { get; init; }
    public string? EntityId { get; init; }
    public string? Summary { get; init; }
    public string? IpAddress { get; init; }
    public string? UserAgent { get; init; }
    public string? TraceId { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
}
