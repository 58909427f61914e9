using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Core.Catalog.Delivery;

/// <summary>Reads effective delivery configurations for the scope's tenant (fulfillment uses this; so does the Api's read).</summary>
public sealed class DeliveryConfigurations(DeliveryDbContext db)
{
    public async Task<DeliverySettings> GetTenantDefaultsAsync(CancellationToken cancellationToken = default) =>
        await db.Set<DeliveryDefaults>().AsNoTracking().SingleOrDefaultAsync(cancellationToken) is { } defaults
            ? DeliverySettings.From(defaults)
            : DeliverySettings.BuiltIn;

    /// <summary>The product's configuration: its overrides over the tenant defaults over the built-in ones.</summary>
    public async Task<DeliverySettings> GetEffectiveAsync(Guid productId, CancellationToken cancellationToken = default) =>
        (await GetEffectiveAsync([productId], cancellationToken))[productId];

    /// <summary>The effective configuration of each product (an order's lines), reading the tenant defaults once.</summary>
    public async Task<IReadOnlyDictionary<Guid, DeliverySettings>> GetEffectiveAsync(
        IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken = default)
    {
        var defaults = await GetTenantDefaultsAsync(cancellationToken);
        var overrides = await db.Set<ProductDeliveryConfig>().AsNoTracking()
            .Where(c => productIds.Contains(c.ProductId))
            .ToDictionaryAsync(c => c.ProductId, cancellationToken);
        return productIds.Distinct().ToDictionary(id => id, id => defaults.Apply(overrides.GetValueOrDefault(id)));
    }
}
