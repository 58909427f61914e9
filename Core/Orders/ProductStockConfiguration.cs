using DigitalDelivery.Core.Catalog.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Orders;

internal sealed class ProductStockConfiguration : IEntityTypeConfiguration<ProductStock>
{
    public void Configure(EntityTypeBuilder<ProductStock> builder)
    {
        builder.ToTable("product_stock", table =>
        {
            table.HasCheckConstraint("ck_product_stock_reserved", "reserved >= 0");
            table.HasCheckConstraint("ck_product_stock_sold", "sold >= 0");
        });
        builder.HasKey(s => s.ProductId);
        builder.Property(s => s.ProductId).HasColumnName("product_id");
        builder.Property(s => s.OrganizationId).HasColumnName("organization_id");
        builder.Property(s => s.Reserved).HasColumnName("reserved");
        builder.Property(s => s.Sold).HasColumnName("sold");
        builder.HasIndex(s => s.OrganizationId).HasDatabaseName("ix_product_stock_organization_id");
        builder.HasOne<Product>().WithOne().HasForeignKey<ProductStock>(s => s.ProductId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_product_stock_products");
    }
}
