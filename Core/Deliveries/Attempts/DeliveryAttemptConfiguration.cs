using DigitalDelivery.Core.Deliveries.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Deliveries.Attempts;

internal sealed class DeliveryAttemptConfiguration : IEntityTypeConfiguration<DeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<DeliveryAttempt> builder)
    {
        builder.ToTable("delivery_attempts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id");
        builder.Property(a => a.OrganizationId).HasColumnName("organization_id");
        builder.Property(a => a.DeliveryId).HasColumnName("delivery_id");
        builder.Property(a => a.DestinationId).HasColumnName("destination_id");
        builder.Property(a => a.Succeeded).HasColumnName("succeeded");
        builder.Property(a => a.Number).HasColumnName("number");
        builder.Property(a => a.StartedAt).HasColumnName("started_at");
        builder.Property(a => a.DurationMs).HasColumnName("duration_ms");
        builder.Property(a => a.ResponseStatus).HasColumnName("response_status");
        builder.Property(a => a.Error).HasColumnName("error").HasMaxLength(1000);
        builder.HasIndex(a => new { a.DeliveryId, a.Number }).IsUnique().HasDatabaseName("ux_delivery_attempts_delivery_id_number");
        // Health and metrics: a destination's attempts over a time range, answered from the index alone (the
        // organization is included for row-level security's filter).
        builder.HasIndex(a => new { a.DestinationId, a.StartedAt }).HasDatabaseName("ix_delivery_attempts_destination_id_started_at")
            .IncludeProperties(a => new { a.OrganizationId, a.Succeeded, a.DurationMs, a.Number, a.ResponseStatus });
        builder.HasOne<Delivery>().WithMany().HasForeignKey(a => a.DeliveryId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_delivery_attempts_deliveries");
    }
}
