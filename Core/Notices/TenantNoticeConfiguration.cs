using DigitalDelivery.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Notices;

internal sealed class TenantNoticeConfiguration : IEntityTypeConfiguration<TenantNotice>
{
    public void Configure(EntityTypeBuilder<TenantNotice> builder)
    {
        builder.ToTable("tenant_notices");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).HasColumnName("id").UseIdentityByDefaultColumn();
        builder.Property(n => n.OrganizationId).HasColumnName("organization_id");
        builder.Property(n => n.Kind).HasColumnName("kind").HasMaxLength(64);
        builder.Property(n => n.Severity).HasColumnName("severity").HasMaxLength(16);
        builder.Property(n => n.SubjectType).HasColumnName("subject_type").HasMaxLength(64);
        builder.Property(n => n.SubjectId).HasColumnName("subject_id").HasMaxLength(128);
        builder.Property(n => n.Message).HasColumnName("message").HasMaxLength(1000);
        builder.Property(n => n.CreatedAt).HasColumnName("created_at");
        builder.HasIndex(n => new { n.OrganizationId, n.CreatedAt }).HasDatabaseName("ix_tenant_notices_organization_id_created_at");
        builder.HasOne<Organization>().WithMany().HasForeignKey(n => n.OrganizationId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_tenant_notices_organizations");
    }
}
