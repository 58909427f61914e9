using System.Diagnostics;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Core.Audit;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Api.Audit;

/// <summary>
/// Records audit entries for the current request. <see cref="Record"/> only adds the row to the request's
/// DbContext, so it commits atomically with the change it describes when the endpoint saves;
/// <see cref="AuditWritesFilter"/> writes a generic entry for write endpoints that recorded nothing themselves.
/// </summary>
public sealed class AuditTrail(DeliveryDbContext db, IHttpContextAccessor httpContextAccessor, ITenantContext tenant, TimeProvider time)
{
    private const int SummaryLimit = 2000;

    public bool HasRecorded { get; private set; }

    /// <summary>Adds an entry for the authenticated caller and tenant, unless <paramref name="actor"/>/<paramref name="organizationId"/> say otherwise.</summary>
    public void Record(
        string action,
        string? entityType = null,
        string? entityId = null,
        string? summary = null,
        (string Type, string Id)? actor = null,
        Guid? organizationId = null)
    {
        var http = httpContextAccessor.HttpContext;
        var who = actor ?? http?.User.GetActor() ?? (AuditActorTypes.System, "system");
        var tenantId = organizationId ?? tenant.OrganizationId
            ?? throw new InvalidOperationException("An audit entry needs a tenant.");
        db.Add(new AuditEntry
        {
            OrganizationId = tenantId,
            ActorType = who.Type,
            ActorId = who.Id,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Summary = summary is { Length: > SummaryLimit } ? summary[..SummaryLimit] : summary,
            IpAddress = http?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Truncate(http?.Request.Headers.UserAgent.ToString(), 512),
            TraceId = Activity.Current?.TraceId.ToString(),
            OccurredAt = time.GetUtcNow(),
        });
        HasRecorded = true;
    }

    /// <summary>Records and saves at once, for events that change nothing else (sign-in, sign-out).</summary>
    public async Task WriteAsync(
        string action,
        string? entityType = null,
        string? entityId = null,
        string? summary = null,
        (string Type, string Id)? actor = null,
        Guid? organizationId = null,
        CancellationToken cancellationToken = default)
    {
        Record(action, entityType, entityId, summary, actor, organizationId);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Truncate(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length > length ? value[..length] : value;
}
