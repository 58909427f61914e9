using DigitalDelivery.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Orders;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("orders", table => table.HasCheckConstraint("ck_orders_total_minor", "total_minor >= 0"));
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).HasColumnName("id");
        builder.Property(o => o.OrganizationId).HasColumnName("organization_id");
        builder.Property(o => o.CustomerEmail).HasColumnName("customer_email").HasMaxLength(320);
        builder.Property(o => o.CustomerName).HasColumnName("customer_name").HasMaxLength(200);
        builder.Property(o => o.Status).HasColumnName("status").HasMaxLength(16);
        builder.Property(o => o.TotalMinor).HasColumnName("total_minor");
        builder.Property(o => o.Currency).HasColumnName("currency").HasMaxLength(3);
        builder.Property(o => o.CreatedAt).HasColumnName("created_at");
        builder.Property(o => o.UpdatedAt).HasColumnName("updated_at");
        builder.Property(o => o.ReservationExpiresAt).HasColumnName("reservation_expires_at");
        builder.Property(o => o.Reason).HasColumnName("reason").HasMaxLength(500);
        builder.Property(o => o.PreauthId).HasColumnName("preauth_id").HasMaxLength(64);
        builder.Property(o => o.Version).HasColumnName("version").IsConcurrencyToken();
        builder.HasIndex(o => new { o.OrganizationId, o.CreatedAt }).HasDatabaseName("ix_orders_organization_id_created_at");
        builder.HasOne<Organization>().WithMany().HasForeignKey(o => o.OrganizationId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_orders_organizations");
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_order_lines_orders");
        builder.HasMany(o => o.Transitions).WithOne().HasForeignKey(t => t.OrderId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_order_transitions_orders");
    }
}
