using DigitalDelivery.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Entitlements;

internal sealed class DownloadAccessConfiguration : IEntityTypeConfiguration<DownloadAccess>
{
    public void Configure(EntityTypeBuilder<DownloadAccess> builder)
    {
        builder.ToTable("download_access", table =>
        {
            table.HasCheckConstraint("ck_download_access_downloads_used", "downloads_used >= 0");
            table.HasCheckConstraint("ck_download_access_max_downloads", "max_downloads IS NULL OR max_downloads > 0");
        });
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id");
        builder.Property(a => a.OrganizationId).HasColumnName("organization_id");
        builder.Property(a => a.OrderId).HasColumnName("order_id");
        builder.Property(a => a.OrderLineId).HasColumnName("order_line_id");
        builder.Property(a => a.ProductId).HasColumnName("product_id");
        builder.Property(a => a.AssetId).HasColumnName("asset_id");
        builder.Property(a => a.AssetVersion).HasColumnName("asset_version");
        builder.Property(a => a.CustomerEmail).HasColumnName("customer_email").HasMaxLength(320);
        builder.Property(a => a.MaxDownloads).HasColumnName("max_downloads");
        builder.Property(a => a.DownloadsUsed).HasColumnName("downloads_used");
        builder.Property(a => a.GrantedAt).HasColumnName("granted_at");
        builder.Property(a => a.ExpiresAt).HasColumnName("expires_at");
        builder.Property(a => a.LastDownloadedAt).HasColumnName("last_downloaded_at");
        builder.Property(a => a.RevokedAt).HasColumnName("revoked_at");
        builder.Property(a => a.RevokedReason).HasColumnName("revoked_reason").HasMaxLength(500);
        builder.Property(a => a.NotifyCustomerOnExpiry).HasColumnName("notify_customer_on_expiry");
        builder.Property(a => a.ExpiryNoticeSentAt).HasColumnName("expiry_notice_sent_at");
        builder.Property(a => a.Version).HasColumnName("version").IsConcurrencyToken();
        builder.Ignore(a => a.IsRevoked);
        builder.Ignore(a => a.IsExhausted);
        builder.Ignore(a => a.DownloadsLeft);

        // One grant per asset of a line: fulfillment may run again after a crash and must not grant twice.
        builder.HasIndex(a => new { a.OrderLineId, a.AssetId }).IsUnique().HasDatabaseName("ux_download_access_order_line_id_asset_id");
        builder.HasIndex(a => a.OrderId).HasDatabaseName("ix_download_access_order_id");
        builder.HasIndex(a => new { a.OrganizationId, a.CustomerEmail }).HasDatabaseName("ix_download_access_organization_id_customer_email");
        builder.HasOne<Order>().WithMany().HasForeignKey(a => a.OrderId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_download_access_orders");
        builder.HasOne<OrderLine>().WithMany().HasForeignKey(a => a.OrderLineId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_download_access_order_lines");
    }
}
