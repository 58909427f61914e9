using DigitalDelivery.Core.Catalog.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Catalog.Assets;

internal sealed class AssetVersionConfiguration : IEntityTypeConfiguration<AssetVersion>
{
    public void Configure(EntityTypeBuilder<AssetVersion> builder)
    {
        builder.ToTable("product_asset_versions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).HasColumnName("id");
        builder.Property(v => v.OrganizationId).HasColumnName("organization_id");
        builder.Property(v => v.AssetId).HasColumnName("asset_id");
        builder.Property(v => v.Number).HasColumnName("number");
        builder.Property(v => v.FileId).HasColumnName("file_id");
        builder.Property(v => v.Note).HasColumnName("note").HasMaxLength(500);
        builder.Property(v => v.CreatedAt).HasColumnName("created_at");
        builder.HasIndex(v => new { v.AssetId, v.Number }).IsUnique().HasDatabaseName("ux_product_asset_versions_asset_id_number");
        builder.HasIndex(v => v.FileId).HasDatabaseName("ix_product_asset_versions_file_id");
        builder.HasOne<DigitalAsset>().WithMany().HasForeignKey(v => v.AssetId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_product_asset_versions_product_assets");
        builder.HasOne<CatalogFile>().WithMany().HasForeignKey(v => v.FileId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_product_asset_versions_catalog_files");
    }
}
