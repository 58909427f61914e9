using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Audit;

/// <summary>No foreign key to organizations: the trail must outlive whatever it describes.</summary>
internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id");
        builder.Property(a => a.OrganizationId).HasColumnName("organization_id");
        builder.Property(a => a.ActorType).HasColumnName("actor_type").HasMaxLength(16);
        builder.Property(a => a.ActorId).HasColumnName("actor_id").HasMaxLength(128);
        builder.Property(a => a.Action).HasColumnName("action").HasMaxLength(100);
        builder.Property(a => a.EntityType).HasColumnName("entity_type").HasMaxLength(100);
        builder.Property(a => a.EntityId).HasColumnName("entity_id").HasMaxLength(128);
        builder.Property(a => a.Summary).HasColumnName("summary").HasMaxLength(2000);
        builder.Property(a => a.IpAddress).HasColumnName("ip_address").HasMaxLength(64);
        builder.Property(a => a.UserAgent).HasColumnName("user_agent").HasMaxLength(512);
        builder.Property(a => a.TraceId).HasColumnName("trace_id").HasMaxLength(64);
        builder.Property(a => a.OccurredAt).HasColumnName("occurred_at");
        builder.HasIndex(a => new { a.OrganizationId, a.OccurredAt }).HasDatabaseName("ix_audit_log_organization_id_occurred_at");
    }
}
