using DigitalDelivery.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Catalog.Files;

internal sealed class CatalogFileConfiguration : IEntityTypeConfiguration<CatalogFile>
{
    public void Configure(EntityTypeBuilder<CatalogFile> builder)
    {
        builder.ToTable("catalog_files");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).HasColumnName("id");
        builder.Property(f => f.OrganizationId).HasColumnName("organization_id");
        builder.Property(f => f.BlobName).HasColumnName("blob_name").HasMaxLength(200);
        builder.Property(f => f.FileName).HasColumnName("file_name").HasMaxLength(255);
        builder.Property(f => f.ContentType).HasColumnName("content_type").HasMaxLength(100);
        builder.Property(f => f.SizeBytes).HasColumnName("size_bytes");
        builder.Property(f => f.Sha256).HasColumnName("sha256").HasMaxLength(64);
        builder.Property(f => f.Status).HasColumnName("status").HasMaxLength(16);
        builder.Property(f => f.ScanDetail).HasColumnName("scan_detail").HasMaxLength(500);
        builder.Property(f => f.ScanAttempts).HasColumnName("scan_attempts");
        builder.Property(f => f.ScannedAt).HasColumnName("scanned_at");
        builder.Property(f => f.UploadedAt).HasColumnName("uploaded_at");
        builder.Property(f => f.UploadedBy).HasColumnName("uploaded_by").HasMaxLength(160);
        builder.Property(f => f.Version).HasColumnName("version").IsConcurrencyToken();
        builder.HasIndex(f => f.BlobName).IsUnique().HasDatabaseName("ux_catalog_files_blob_name");
        builder.HasIndex(f => new { f.OrganizationId, f.UploadedAt }).HasDatabaseName("ix_catalog_files_organization_id_uploaded_at");
        builder.HasOne<Organization>().WithMany().HasForeignKey(f => f.OrganizationId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_catalog_files_organizations");
    }
}
