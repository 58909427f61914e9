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
    public async Task<DeliverySettings> GetEffectiveAsync(Guid productId, CancellationToken cancellationToken = default)
    {
        var defaults = await GetTenantDefaultsAsync(cancellationToken);
        var overrides = await db.Set<ProductDeliveryConfig>().AsNoTracking()
            .SingleOrDefaultAsync(c => c.ProductId == productId, cancellationToken);
        return defaults.Apply(overrides);
    }
}
