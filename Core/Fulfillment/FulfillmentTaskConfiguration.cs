using DigitalDelivery.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Fulfillment;

internal sealed class FulfillmentTaskConfiguration : IEntityTypeConfiguration<FulfillmentTask>
{
    public void Configure(EntityTypeBuilder<FulfillmentTask> builder)
    {
        builder.ToTable("order_fulfillment_tasks", table =>
        {
            table.HasCheckConstraint("ck_order_fulfillment_tasks_type", "type IN ('digital_delivery', 'license_key')");
            table.HasCheckConstraint("ck_order_fulfillment_tasks_status", "status IN ('pending', 'in_progress', 'completed', 'failed')");
        });
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasColumnName("id");
        builder.Property(t => t.OrganizationId).HasColumnName("organization_id");
        builder.Property(t => t.OrderId).HasColumnName("order_id");
        builder.Property(t => t.Type).HasColumnName("type").HasMaxLength(32);
        builder.Property(t => t.Status).HasColumnName("status").HasMaxLength(16);
        builder.Property(t => t.Attempts).HasColumnName("attempts");
        builder.Property(t => t.LastError).HasColumnName("last_error").HasMaxLength(1000);
        builder.Property(t => t.CreatedAt).HasColumnName("created_at");
        builder.Property(t => t.UpdatedAt).HasColumnName("updated_at");
        builder.Property(t => t.CompletedAt).HasColumnName("completed_at");
        builder.Ignore(t => t.IsFailing);
        builder.HasIndex(t => new { t.OrderId, t.Type }).IsUnique().HasDatabaseName("ux_order_fulfillment_tasks_order_id_type");
        builder.HasIndex(t => new { t.OrganizationId, t.Status }).HasDatabaseName("ix_order_fulfillment_tasks_organization_id_status");
        builder.HasOne<Order>().WithMany().HasForeignKey(t => t.OrderId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_order_fulfillment_tasks_orders");
    }
}
