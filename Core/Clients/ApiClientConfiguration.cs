using DigitalDelivery.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Clients;

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> builder)
    {
        builder.ToTable("api_clients");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasColumnName("id");
        builder.Property(c => c.OrganizationId).HasColumnName("organization_id");
        builder.Property(c => c.ClientId).HasColumnName("client_id").HasMaxLength(64);
        builder.Property(c => c.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(c => c.SecretHash).HasColumnName("secret_hash").HasMaxLength(512);
        builder.Property(c => c.Scopes).HasColumnName("scopes");
        builder.Property(c => c.CreatedAt).HasColumnName("created_at");
        builder.Property(c => c.SecretRotatedAt).HasColumnName("secret_rotated_at");
        builder.HasIndex(c => c.ClientId).IsUnique().HasDatabaseName("ux_api_clients_client_id");
        builder.HasIndex(c => c.OrganizationId).HasDatabaseName("ix_api_clients_organization_id");
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_api_clients_organizations");
    }
}
