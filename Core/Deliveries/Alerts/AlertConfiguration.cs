using DigitalDelivery.Core.Deliveries.Destinations;
using DigitalDelivery.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Deliveries.Alerts;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.ToTable("alerts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id");
        builder.Property(a => a.OrganizationId).HasColumnName("organization_id");
        builder.Property(a => a.Rule).HasColumnName("rule").HasMaxLength(64);
        builder.Property(a => a.DestinationId).HasColumnName("destination_id");
        builder.Property(a => a.Status).HasColumnName("status").HasMaxLength(16);
        builder.Property(a => a.Message).HasColumnName("message").HasMaxLength(1000);
        builder.Property(a => a.Value).HasColumnName("value");
        builder.Property(a => a.Threshold).HasColumnName("threshold");
        builder.Property(a => a.EscalationLevel).HasColumnName("escalation_level");
        builder.Property(a => a.OpenedAt).HasColumnName("opened_at");
        builder.Property(a => a.EscalatedAt).HasColumnName("escalated_at");
        builder.Property(a => a.AcknowledgedAt).HasColumnName("acknowledged_at");
        builder.Property(a => a.AcknowledgedBy).HasColumnName("acknowledged_by").HasMaxLength(200);
        builder.Property(a => a.ResolvedAt).HasColumnName("resolved_at");
        builder.Property(a => a.ResolvedBy).HasColumnName("resolved_by").HasMaxLength(200);
        builder.Property(a => a.Version).HasColumnName("version").IsConcurrencyToken();
        // One unresolved alert per rule and destination, even when two monitors check at once; the backlog's
        // alerts have no destination, and nulls must not be distinct for that to hold for them too.
        builder.HasIndex(a => new { a.OrganizationId, a.Rule, a.DestinationId }).IsUnique().AreNullsDistinct(false)
            .HasFilter("status <> 'resolved'").HasDatabaseName("ux_alerts_unresolved_rule_destination");
        builder.HasIndex(a => new { a.OrganizationId, a.OpenedAt }).HasDatabaseName("ix_alerts_organization_id_opened_at");
        builder.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_alerts_organizations");
        builder.HasOne<Destination>().WithMany().HasForeignKey(a => a.DestinationId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_alerts_delivery_destinations");
    }
}
