using DigitalDelivery.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Catalog.Products;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("products", table =>
        {
            table.HasCheckConstraint("ck_products_price_minor", "price_minor >= 0");
            table.HasCheckConstraint("ck_products_stock_limit", "stock_limit IS NULL OR stock_limit >= 0");
        });
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasColumnName("id");
        builder.Property(p => p.OrganizationId).HasColumnName("organization_id");
        builder.Property(p => p.Sku).HasColumnName("sku").HasMaxLength(64);
        builder.Property(p => p.NormalizedSku).HasColumnName("normalized_sku").HasMaxLength(64);
        builder.Property(p => p.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(p => p.Description).HasColumnName("description").HasMaxLength(4000);
        builder.Property(p => p.Type).HasColumnName("type").HasMaxLength(16);
        builder.Property(p => p.PriceMinor).HasColumnName("price_minor");
        builder.Property(p => p.Currency).HasColumnName("currency").HasMaxLength(3);
        builder.Property(p => p.Status).HasColumnName("status").HasMaxLength(16);
        builder.Property(p => p.StockLimit).HasColumnName("stock_limit");
        builder.Property(p => p.AssetUpdatePolicy).HasColumnName("asset_update_policy").HasMaxLength(16);
        builder.Property(p => p.CreatedAt).HasColumnName("created_at");
        builder.Property(p => p.UpdatedAt).HasColumnName("updated_at");
        builder.Property(p => p.Version).HasColumnName("version").IsConcurrencyToken();
        builder.HasIndex(p => new { p.OrganizationId, p.NormalizedSku }).IsUnique().HasDatabaseName("ux_products_organization_id_normalized_sku");
        builder.HasIndex(p => new { p.OrganizationId, p.CreatedAt }).HasDatabaseName("ix_products_organization_id_created_at");
        builder.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_products_organizations");
    }
}
