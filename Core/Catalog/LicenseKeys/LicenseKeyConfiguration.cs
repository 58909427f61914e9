using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Catalog.LicenseKeys;

internal sealed class LicenseKeyConfiguration : IEntityTypeConfiguration<LicenseKey>
{
    public void Configure(EntityTypeBuilder<LicenseKey> builder)
    {
        builder.ToTable("license_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasColumnName("id").UseIdentityByDefaultColumn();
        builder.Property(k => k.OrganizationId).HasColumnName("organization_id");
        builder.Property(k => k.ProductId).HasColumnName("product_id");
        builder.Property(k => k.KeyHash).HasColumnName("key_hash");
        builder.Property(k => k.ProtectedKey).HasColumnName("protected_key");
        builder.Property(k => k.Hint).HasColumnName("hint").HasMaxLength(8);
        builder.Property(k => k.ImportId).HasColumnName("import_id");
        builder.Property(k => k.ImportedAt).HasColumnName("imported_at");
        builder.Property(k => k.AssignedAt).HasColumnName("assigned_at");
        builder.Property(k => k.AssignedTo).HasColumnName("assigned_to").HasMaxLength(128);
        builder.HasIndex(k => new { k.ProductId, k.KeyHash }).IsUnique().HasDatabaseName("ux_license_keys_product_id_key_hash");

        // The ready set of the SKIP LOCKED claim: small, ordered, and free of assigned rows.
        builder.HasIndex(k => new { k.ProductId, k.Id }).HasFilter("assigned_at IS NULL").HasDatabaseName("ix_license_keys_available");

        // Fulfillment finds the keys an order line already got (assigned_to = LicenseKeyAssignee.ForLine), so a rerun assigns only the rest.
        builder.HasIndex(k => k.AssignedTo).HasFilter("assigned_to IS NOT NULL").HasDatabaseName("ix_license_keys_assigned_to");
        builder.HasOne<LicenseKeyPool>().WithMany().HasForeignKey(k => k.ProductId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_license_keys_license_key_pools");
    }
}
