using DigitalDelivery.Core.Catalog.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Catalog.LicenseKeys;

internal sealed class LicenseKeyPoolConfiguration : IEntityTypeConfiguration<LicenseKeyPool>
{
    public void Configure(EntityTypeBuilder<LicenseKeyPool> builder)
    {
        builder.ToTable("license_key_pools");
        builder.HasKey(p => p.ProductId);
        builder.Property(p => p.ProductId).HasColumnName("product_id").ValueGeneratedNever();
        builder.Property(p => p.OrganizationId).HasColumnName("organization_id");
        builder.Property(p => p.HashKey).HasColumnName("hash_key");
        builder.Property(p => p.LowStockThreshold).HasColumnName("low_stock_threshold");
        builder.Property(p => p.LowStockNotifiedAt).HasColumnName("low_stock_notified_at");
        builder.Property(p => p.UpdatedAt).HasColumnName("updated_at");
        builder.Property(p => p.Version).HasColumnName("version").IsConcurrencyToken();
        builder.HasOne<Product>().WithOne().HasForeignKey<LicenseKeyPool>(p => p.ProductId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_license_key_pools_products");
    }
}
