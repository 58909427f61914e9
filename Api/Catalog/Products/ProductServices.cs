using DigitalDelivery.Api.Audit;
using DigitalDelivery.Core.Persistence;

namespace DigitalDelivery.Api.Catalog.Products;

/// <summary>What the catalog's write handlers need, bundled so their signatures stay readable.</summary>
public sealed class ProductServices(DeliveryDbContext db, AuditTrail audit, TimeProvider time)
{
    public DeliveryDbContext Db { get; } = db;
    public AuditTrail Audit { get; } = audit;
    public TimeProvider Time { get; } = time;
}
