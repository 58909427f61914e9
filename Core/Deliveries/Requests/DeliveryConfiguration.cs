using DigitalDelivery.Core.Deliveries.Destinations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Deliveries.Requests;

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> builder)
    {
        builder.ToTable("deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasColumnName("id");
        builder.Property(d => d.OrganizationId).HasColumnName("organization_id");
        builder.Property(d => d.DestinationId).HasColumnName("destination_id");
        builder.Property(d => d.EventId).HasColumnName("event_id");
        builder.Property(d => d.EventType).HasColumnName("event_type").HasMaxLength(64);
        builder.Property(d => d.Payload).HasColumnName("payload").HasColumnType("text");
        builder.Property(d => d.Status).HasColumnName("status").HasMaxLength(16);
        builder.Property(d => d.Attempts).HasColumnName("attempts");
        builder.Property(d => d.AttemptsBeforeRetry).HasColumnName("attempts_before_retry");
        builder.Property(d => d.NextAttemptAt).HasColumnName("next_attempt_at");
        builder.Property(d => d.LastResponseStatus).HasColumnName("last_response_status");
        builder.Property(d => d.LastError).HasColumnName("last_error").HasMaxLength(1000);
        builder.Property(d => d.CorrelationId).HasColumnName("correlation_id");
        builder.Property(d => d.CreatedAt).HasColumnName("created_at");
        builder.Property(d => d.DeliveredAt).HasColumnName("delivered_at");
        builder.Property(d => d.FailedAt).HasColumnName("failed_at");
        builder.Property(d => d.Priority).HasColumnName("priority");
        builder.Property(d => d.IdempotencyKey).HasColumnName("idempotency_key").HasMaxLength(200);
        builder.Property(d => d.Tags).HasColumnName("tags");
        builder.Property(d => d.FileIds).HasColumnName("file_ids");
        builder.Property(d => d.Result).HasColumnName("result").HasMaxLength(2048);
        builder.Property(d => d.DownloadCount).HasColumnName("download_count");
        builder.HasIndex(d => new { d.DestinationId, d.EventId }).IsUnique().HasDatabaseName("ux_deliveries_destination_id_event_id");
        builder.HasIndex(d => new { d.OrganizationId, d.CreatedAt }).HasDatabaseName("ix_deliveries_organization_id_created_at");
        builder.HasIndex(d => new { d.OrganizationId, d.IdempotencyKey }).HasFilter("idempotency_key IS NOT NULL")
            .HasDatabaseName("ix_deliveries_organization_id_idempotency_key");
        builder.HasIndex(d => new { d.OrganizationId, d.CorrelationId }).HasDatabaseName("ix_deliveries_organization_id_correlation_id");
        builder.HasIndex(d => new { d.DestinationId, d.FailedAt }).HasFilter("failed_at IS NOT NULL")
            .HasDatabaseName("ix_deliveries_destination_id_failed_at");
        // No index may name status (nor delivered_at): the delivered update would stop being a HOT update and write
        // every index again. The backlog rule counts pending deliveries in the delivery queue instead (AlertEvaluator).
        builder.HasIndex(d => d.Tags).HasMethod("gin").HasDatabaseName("ix_deliveries_tags");
        builder.HasOne<Destination>().WithMany().HasForeignKey(d => d.DestinationId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_deliveries_delivery_destinations");
    }
}
