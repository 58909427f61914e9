namespace DigitalDelivery.Core.Tenancy;

/// <summary>
/// Marks an entity whose rows belong to one organization. Implementing it is all an entity needs for the EF
/// Core global query filter (applied by convention in <see cref="TenantQueryFilters"/>); its migration adds the
/// PostgreSQL policy with <c>migrationBuilder.EnableTenantRowLevelSecurity("table")</c>.
/// </summary>
public interface ITenantOwned
{
    Guid OrganizationId { get; }
}
