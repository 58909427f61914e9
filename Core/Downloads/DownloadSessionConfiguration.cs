using DigitalDelivery.Core.Entitlements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Downloads;

internal sealed class DownloadSessionConfiguration : IEntityTypeConfiguration<DownloadSession>
{
    public void Configure(EntityTypeBuilder<DownloadSession> builder)
    {
        builder.ToTable("download_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("id");
        builder.Property(s => s.OrganizationId).HasColumnName("organization_id");
        builder.Property(s => s.DownloadAccessId).HasColumnName("download_access_id");
        builder.Property(s => s.ClientFingerprint).HasColumnName("client_fingerprint").HasMaxLength(32);
        builder.Property(s => s.OpenedAt).HasColumnName("opened_at");
        builder.Property(s => s.LastSeenAt).HasColumnName("last_seen_at");
        builder.Property(s => s.SessionsOpened).HasColumnName("sessions_opened");

        // The counting statement relies on this key: one row per entitlement and client.
        builder.HasIndex(s => new { s.DownloadAccessId, s.ClientFingerprint }).IsUnique()
            .HasDatabaseName("ux_download_sessions_download_access_id_client_fingerprint");
        builder.HasOne<DownloadAccess>().WithMany().HasForeignKey(s => s.DownloadAccessId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_download_sessions_download_access");
    }
}
