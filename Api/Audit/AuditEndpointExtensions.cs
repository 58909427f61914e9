namespace DigitalDelivery.Api.Audit;

public static class AuditEndpointExtensions
{
    /// <summary>Every state-changing endpoint of the group leaves an audit entry; <paramref name="entityType"/> names what it changes.</summary>
    public static RouteGroupBuilder WithAuditTrail(this RouteGroupBuilder group, string entityType)
    {
        group.AddEndpointFilter<AuditWritesFilter>();
        group.WithMetadata(new AuditEntityAttribute(entityType));
        return group;
    }
}
