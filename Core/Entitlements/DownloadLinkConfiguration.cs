using DigitalDelivery.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Entitlements;

internal sealed class DownloadLinkConfiguration : IEntityTypeConfiguration<DownloadLink>
{
    public void Configure(EntityTypeBuilder<DownloadLink> builder)
    {
        builder.ToTable("download_links", table =>
        {
            table.HasCheckConstraint("ck_download_links_kind", "kind IN ('order', 'file')");
            table.HasCheckConstraint("ck_download_links_file_has_access", "(kind = 'file') = (download_access_id IS NOT NULL)");
        });
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).HasColumnName("id");
        builder.Property(l => l.OrganizationId).HasColumnName("organization_id");
        builder.Property(l => l.OrderId).HasColumnName("order_id");
        builder.Property(l => l.DownloadAccessId).HasColumnName("download_access_id");
        builder.Property(l => l.Kind).HasColumnName("kind").HasMaxLength(8);
        builder.Property(l => l.TokenHash).HasColumnName("token_hash").HasMaxLength(32);
        builder.Property(l => l.CreatedAt).HasColumnName("created_at");
        builder.Property(l => l.ExpiresAt).HasColumnName("expires_at");
        builder.Property(l => l.RevokedAt).HasColumnName("revoked_at");
        builder.HasIndex(l => l.TokenHash).IsUnique().HasDatabaseName("ux_download_links_token_hash");
        builder.HasIndex(l => l.OrderId).HasDatabaseName("ix_download_links_order_id");
        builder.HasIndex(l => l.DownloadAccessId).HasDatabaseName("ix_download_links_download_access_id");
        builder.HasOne<Order>().WithMany().HasForeignKey(l => l.OrderId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_download_links_orders");
        builder.HasOne<DownloadAccess>().WithMany().HasForeignKey(l => l.DownloadAccessId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_download_links_download_access");
    }
}
