using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Notices;

/// <summary>Adds notices for the scope's tenant to its DbContext; they commit with the change that raised them.</summary>
public sealed class TenantNotices(DeliveryDbContext db, ITenantContext tenant, TimeProvider time)
{
    public void Raise(string kind, string severity, string message, string? subjectType = null, string? subjectId = null)
    {
        db.Add(new TenantNotice
        {
            OrganizationId = tenant.OrganizationId ?? throw new InvalidOperationException("A notice needs a tenant."),
            Kind = kind,
            Severity = severity,
            Message = message.Length > 1000 ? message[..1000] : message,
            SubjectType = subjectType,
            SubjectId = subjectId,
            CreatedAt = time.GetUtcNow(),
        });
    }
}
