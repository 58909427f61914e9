using DigitalDelivery.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Core.Persistence;

/// <summary>
/// The one database of the product. Entity configuration lives beside each feature's entities
/// (IEntityTypeConfiguration classes in this assembly); this type only wires them together.
/// </summary>
public class DeliveryDbContext(DbContextOptions<DeliveryDbContext> options) : DbContext(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DeliveryDbContext).Assembly);
    }
}
