using DigitalDelivery.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Deliveries.Destinations;

internal sealed class DestinationConfiguration : IEntityTypeConfiguration<Destination>
{
    public void Configure(EntityTypeBuilder<Destination> builder)
    {
        builder.ToTable("delivery_destinations");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasColumnName("id");
        builder.Property(d => d.OrganizationId).HasColumnName("organization_id");
        builder.Property(d => d.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(d => d.Type).HasColumnName("type").HasMaxLength(32);
        builder.Property(d => d.Config).HasColumnName("config").HasColumnType("jsonb");
        builder.Property(d => d.Events).HasColumnName("events");
        builder.Property(d => d.ProtectedSecret).HasColumnName("protected_secret");
        builder.Property(d => d.ProtectedPreviousSecret).HasColumnName("protected_previous_secret");
        builder.Property(d => d.PreviousSecretExpiresAt).HasColumnName("previous_secret_expires_at");
        builder.Property(d => d.Enabled).HasColumnName("enabled");
        builder.Property(d => d.MaxAttempts).HasColumnName("max_attempts");
        builder.Property(d => d.ConsecutiveFailures).HasColumnName("consecutive_failures");
        builder.Property(d => d.BreakerOpenUntil).HasColumnName("breaker_open_until");
        builder.Property(d => d.HalfOpenSuccesses).HasColumnName("half_open_successes");
        builder.Property(d => d.FailingSince).HasColumnName("failing_since");
        builder.Property(d => d.LastFailureAt).HasColumnName("last_failure_at");
        builder.Property(d => d.DisabledAt).HasColumnName("disabled_at");
        builder.Property(d => d.DisabledReason).HasColumnName("disabled_reason").HasMaxLength(500);
        builder.Property(d => d.DisabledBy).HasColumnName("disabled_by").HasMaxLength(200);
        builder.Property(d => d.CreatedAt).HasColumnName("created_at");
        builder.Property(d => d.UpdatedAt).HasColumnName("updated_at");
        builder.Property(d => d.Version).HasColumnName("version").IsConcurrencyToken();
        builder.HasIndex(d => new { d.OrganizationId, d.CreatedAt }).HasDatabaseName("ix_delivery_destinations_organization_id_created_at");
        builder.HasOne<Organization>().WithMany().HasForeignKey(d => d.OrganizationId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_delivery_destinations_organizations");
    }
}
