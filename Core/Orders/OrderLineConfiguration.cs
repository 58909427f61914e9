using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Orders;

// No foreign key to products: a line keeps its copy of the product, and the catalog may archive or delete it.
internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.ToTable("order_lines", table =>
        {
            table.HasCheckConstraint("ck_order_lines_quantity", "quantity > 0");
            table.HasCheckConstraint("ck_order_lines_reserved_quantity", "reserved_quantity >= 0");
        });
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).HasColumnName("id");
        builder.Property(l => l.OrganizationId).HasColumnName("organization_id");
        builder.Property(l => l.OrderId).HasColumnName("order_id");
        builder.Property(l => l.ProductId).HasColumnName("product_id");
        builder.Property(l => l.Sku).HasColumnName("sku").HasMaxLength(64);
        builder.Property(l => l.ProductName).HasColumnName("product_name").HasMaxLength(200);
        builder.Property(l => l.ProductType).HasColumnName("product_type").HasMaxLength(16);
        builder.Property(l => l.Quantity).HasColumnName("quantity");
        builder.Property(l => l.UnitPriceMinor).HasColumnName("unit_price_minor");
        builder.Property(l => l.LineTotalMinor).HasColumnName("line_total_minor");
        builder.Property(l => l.ReservedQuantity).HasColumnName("reserved_quantity");
        builder.HasIndex(l => l.OrderId).HasDatabaseName("ix_order_lines_order_id");
    }
}
