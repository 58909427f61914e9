using DigitalDelivery.Core.Catalog.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Catalog.Delivery;

internal sealed class ProductDeliveryConfigConfiguration : IEntityTypeConfiguration<ProductDeliveryConfig>
{
    public void Configure(EntityTypeBuilder<ProductDeliveryConfig> builder)
    {
        builder.ToTable("product_delivery_configs");
        builder.HasKey(c => c.ProductId);
        builder.Property(c => c.ProductId).HasColumnName("product_id").ValueGeneratedNever();
        builder.Property(c => c.OrganizationId).HasColumnName("organization_id");
        builder.Property(c => c.AutoFulfillOnPayment).HasColumnName("auto_fulfill_on_payment");
        builder.Property(c => c.Destinations).HasColumnName("destinations");
        builder.Property(c => c.RetryMaxAttempts).HasColumnName("retry_max_attempts");
        builder.Property(c => c.RetryBaseDelaySeconds).HasColumnName("retry_base_delay_seconds");
        builder.Property(c => c.RetryMaxDelaySeconds).HasColumnName("retry_max_delay_seconds");
        builder.Property(c => c.UpdatedAt).HasColumnName("updated_at");
        builder.Property(c => c.Version).HasColumnName("version").IsConcurrencyToken();
        builder.HasOne<Product>().WithOne().HasForeignKey<ProductDeliveryConfig>(c => c.ProductId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_product_delivery_configs_products");
    }
}
