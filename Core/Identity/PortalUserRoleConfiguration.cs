using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Identity;

/// <summary>
/// Role memberships. Identity's claim, login and token tables are deliberately not mapped: the portal uses
/// none of those features, and UserStore touches them only when they are used.
/// </summary>
internal sealed class PortalUserRoleConfiguration : IEntityTypeConfiguration<IdentityUserRole<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserRole<Guid>> builder)
    {
        builder.ToTable("user_roles");
        builder.HasKey(r => new { r.UserId, r.RoleId });
        builder.Property(r => r.UserId).HasColumnName("user_id");
        builder.Property(r => r.RoleId).HasColumnName("role_id");
        builder.HasIndex(r => r.RoleId).HasDatabaseName("ix_user_roles_role_id");
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(r => r.UserId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_user_roles_users");
        builder.HasOne<IdentityRole<Guid>>().WithMany().HasForeignKey(r => r.RoleId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_user_roles_roles");
    }
}
