using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Downloads;

internal sealed class DownloadAttemptConfiguration : IEntityTypeConfiguration<DownloadAttempt>
{
    public void Configure(EntityTypeBuilder<DownloadAttempt> builder)
    {
        builder.ToTable("download_attempts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id");
        builder.Property(a => a.OrganizationId).HasColumnName("organization_id");
        builder.Property(a => a.OrderId).HasColumnName("order_id");
        builder.Property(a => a.DownloadAccessId).HasColumnName("download_access_id");
        builder.Property(a => a.FileId).HasColumnName("file_id");
        builder.Property(a => a.OccurredAt).HasColumnName("occurred_at");
        builder.Property(a => a.Method).HasColumnName("method").HasMaxLength(8);
        builder.Property(a => a.IpAddress).HasColumnName("ip_address").HasMaxLength(64);
        builder.Property(a => a.UserAgent).HasColumnName("user_agent").HasMaxLength(DownloadAttemptLimits.UserAgent);
        builder.Property(a => a.Range).HasColumnName("range").HasMaxLength(DownloadAttemptLimits.Range);
        builder.Property(a => a.StatusCode).HasColumnName("status_code");
        builder.Property(a => a.BytesSent).HasColumnName("bytes_sent");
        builder.Property(a => a.Outcome).HasColumnName("outcome").HasMaxLength(32);
        builder.Property(a => a.Reason).HasColumnName("reason").HasMaxLength(DownloadAttemptLimits.Reason);
        builder.Property(a => a.Counted).HasColumnName("counted");

        // The admin queries: newest first per entitlement and per order. No foreign key on purpose: a log outlives
        // what it logs, and the per-row check (a KEY SHARE lock on download_access) doubled the cost of each insert.
        builder.HasIndex(a => new { a.DownloadAccessId, a.OccurredAt }).HasDatabaseName("ix_download_attempts_download_access_id_occurred_at");
        builder.HasIndex(a => new { a.OrderId, a.OccurredAt }).HasDatabaseName("ix_download_attempts_order_id_occurred_at");
    }
}
