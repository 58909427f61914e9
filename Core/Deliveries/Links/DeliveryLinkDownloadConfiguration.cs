using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Deliveries.Links;

internal sealed class DeliveryLinkDownloadConfiguration : IEntityTypeConfiguration<DeliveryLinkDownload>
{
    public void Configure(EntityTypeBuilder<DeliveryLinkDownload> builder)
    {
        builder.ToTable("delivery_link_downloads");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasColumnName("id");
        builder.Property(d => d.OrganizationId).HasColumnName("organization_id");
        builder.Property(d => d.DeliveryId).HasColumnName("delivery_id");
        builder.Property(d => d.OccurredAt).HasColumnName("occurred_at");
        builder.Property(d => d.IpAddress).HasColumnName("ip_address").HasMaxLength(64);
        builder.Property(d => d.UserAgent).HasColumnName("user_agent").HasMaxLength(512);
        builder.Property(d => d.StatusCode).HasColumnName("status_code");
        builder.Property(d => d.Counted).HasColumnName("counted");
        // A log outlives what it logs (a purged delivery keeps its access history), so no foreign key.
        builder.HasIndex(d => new { d.DeliveryId, d.OccurredAt }).HasDatabaseName("ix_delivery_link_downloads_delivery_id_occurred_at");
    }
}
