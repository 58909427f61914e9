namespace DigitalDelivery.Api.Audit;

/// <summary>Endpoint metadata naming the entity type a write group changes, for generic audit entries.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class AuditEntityAttribute(string entityType) : Attribute
{
    public string EntityType { get; } = entityType;
}
