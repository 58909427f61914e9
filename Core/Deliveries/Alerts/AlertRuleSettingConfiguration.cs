using DigitalDelivery.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Deliveries.Alerts;

internal sealed class AlertRuleSettingConfiguration : IEntityTypeConfiguration<AlertRuleSetting>
{
    public void Configure(EntityTypeBuilder<AlertRuleSetting> builder)
    {
        builder.ToTable("alert_rules");
        builder.HasKey(r => new { r.OrganizationId, r.Rule });
        builder.Property(r => r.OrganizationId).HasColumnName("organization_id");
        builder.Property(r => r.Rule).HasColumnName("rule").HasMaxLength(64);
        builder.Property(r => r.Enabled).HasColumnName("enabled");
        builder.Property(r => r.Threshold).HasColumnName("threshold");
        builder.Property(r => r.UpdatedAt).HasColumnName("updated_at");
        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_alert_rules_organizations");
    }
}
