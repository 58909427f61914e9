using System.Linq.Expressions;
using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Core.Tenancy;

/// <summary>
/// The convention that gives every <see cref="ITenantOwned"/> entity the filter
/// <c>context.TenantIsCrossTenant || e.OrganizationId == context.TenantOrganizationId</c>.
/// The filter reads the context instance, so EF evaluates it per query against that context's tenant.
/// </summary>
internal static class TenantQueryFilters
{
    public const string FilterName = "tenant";

    public static void ApplyTenantQueryFilters(this ModelBuilder modelBuilder, DeliveryDbContext context)
    {
        var contextExpression = Expression.Constant(context);
        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            if (!typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType) || entityType.BaseType is not null || entityType.IsOwned())
            {
                continue;
            }

            var entity = Expression.Parameter(entityType.ClrType, "e");
            var crossTenant = Expression.Property(contextExpression, nameof(DeliveryDbContext.TenantIsCrossTenant));
            var organizationId = Expression.Convert(
                Expression.Property(entity, nameof(ITenantOwned.OrganizationId)), typeof(Guid?));
            var sameTenant = Expression.Equal(
                organizationId, Expression.Property(contextExpression, nameof(DeliveryDbContext.TenantOrganizationId)));
            var filter = Expression.Lambda(Expression.OrElse(crossTenant, sameTenant), entity);
            modelBuilder.Entity(entityType.ClrType).HasQueryFilter(FilterName, filter);
        }
    }
}
