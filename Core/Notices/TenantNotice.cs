using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Notices;

/// <summary>
/// Something the merchant must be told about that no request of theirs is waiting for (a quarantined upload,
/// license keys running low). Listed by the Api and the portal; mail and webhooks can pick them up later.
/// </summary>
public sealed class TenantNotice : ITenantOwned
{
    public long Id { get; init; }
    public Guid OrganizationId { get; init; }
    public required string Kind { get; init; }
    public required string Severity { get; init; }
    public string? SubjectType { get; init; }
    public string? SubjectId { get; init; }
    public required string Message { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
