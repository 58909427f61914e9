using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Organizations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("organizations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).HasColumnName("id");
        builder.Property(o => o.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(o => o.Slug).HasColumnName("slug").HasMaxLength(64);
        builder.Property(o => o.CreatedAt).HasColumnName("created_at");
        builder.Property(o => o.SuspendedAt).HasColumnName("suspended_at");
        builder.Property(o => o.SuspensionReason).HasColumnName("suspension_reason").HasMaxLength(500);
        builder.Ignore(o => o.IsSuspended);
        builder.HasIndex(o => o.Slug).IsUnique().HasDatabaseName("ux_organizations_slug");
    }
}
