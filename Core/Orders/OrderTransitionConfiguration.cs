using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Orders;

internal sealed class OrderTransitionConfiguration : IEntityTypeConfiguration<OrderTransition>
{
    public void Configure(EntityTypeBuilder<OrderTransition> builder)
    {
        builder.ToTable("order_transitions");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasColumnName("id");
        builder.Property(t => t.OrganizationId).HasColumnName("organization_id");
        builder.Property(t => t.OrderId).HasColumnName("order_id");
        builder.Property(t => t.Sequence).HasColumnName("sequence");
        builder.Property(t => t.FromStatus).HasColumnName("from_status").HasMaxLength(16);
        builder.Property(t => t.ToStatus).HasColumnName("to_status").HasMaxLength(16);
        builder.Property(t => t.Cause).HasColumnName("cause").HasMaxLength(500);
        builder.Property(t => t.OccurredAt).HasColumnName("occurred_at");
        builder.HasIndex(t => new { t.OrderId, t.Sequence }).IsUnique().HasDatabaseName("ux_order_transitions_order_id_sequence");
    }
}
