using DigitalDelivery.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Catalog.Delivery;

internal sealed class DeliveryDefaultsConfiguration : IEntityTypeConfiguration<DeliveryDefaults>
{
    public void Configure(EntityTypeBuilder<DeliveryDefaults> builder)
    {
        builder.ToTable("delivery_defaults");
        builder.HasKey(d => d.OrganizationId);
        builder.Property(d => d.OrganizationId).HasColumnName("organization_id").ValueGeneratedNever();
        builder.Property(d => d.AutoFulfillOnPayment).HasColumnName("auto_fulfill_on_payment");
        builder.Property(d => d.Destinations).HasColumnName("destinations");
        builder.Property(d => d.RetryMaxAttempts).HasColumnName("retry_max_attempts");
        builder.Property(d => d.RetryBaseDelaySeconds).HasColumnName("retry_base_delay_seconds");
        builder.Property(d => d.RetryMaxDelaySeconds).HasColumnName("retry_max_delay_seconds");
        builder.Property(d => d.UpdatedAt).HasColumnName("updated_at");
        builder.Property(d => d.Version).HasColumnName("version").IsConcurrencyToken();
        builder.HasOne<Organization>().WithOne().HasForeignKey<DeliveryDefaults>(d => d.OrganizationId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_delivery_defaults_organizations");
    }
}
