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
        builder.HasIndex(o => o.Slug).IsUnique().HasDatabaseName("ux_organizations_slug");
    }
}
