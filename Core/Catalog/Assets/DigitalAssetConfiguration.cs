using DigitalDelivery.Core.Catalog.Files;
using DigitalDelivery.Core.Catalog.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Catalog.Assets;

internal sealed class DigitalAssetConfiguration : IEntityTypeConfiguration<DigitalAsset>
{
    public void Configure(EntityTypeBuilder<DigitalAsset> builder)
    {
        builder.ToTable("product_assets");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id");
        builder.Property(a => a.OrganizationId).HasColumnName("organization_id");
        builder.Property(a => a.ProductId).HasColumnName("product_id");
        builder.Property(a => a.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(a => a.CurrentFileId).HasColumnName("current_file_id");
        builder.Property(a => a.CurrentVersion).HasColumnName("current_version");
        builder.Property(a => a.MaxDownloads).HasColumnName("max_downloads");
        builder.Property(a => a.ExpiresAfterDays).HasColumnName("expires_after_days");
        builder.Property(a => a.NotifyCustomerOnExpiry).HasColumnName("notify_customer_on_expiry");
        builder.Property(a => a.CreatedAt).HasColumnName("created_at");
        builder.Property(a => a.UpdatedAt).HasColumnName("updated_at");
        builder.Property(a => a.Version).HasColumnName("version").IsConcurrencyToken();
        builder.HasIndex(a => a.ProductId).HasDatabaseName("ix_product_assets_product_id");
        builder.HasIndex(a => a.CurrentFileId).HasDatabaseName("ix_product_assets_current_file_id");
        builder.HasOne<Product>().WithMany().HasForeignKey(a => a.ProductId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_product_assets_products");
        // A file in use cannot be deleted from under a product.
        builder.HasOne<CatalogFile>().WithMany().HasForeignKey(a => a.CurrentFileId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_product_assets_catalog_files");
    }
}
