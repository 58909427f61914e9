using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Security.SigningKeys;

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> builder)
    {
        builder.ToTable("signing_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasColumnName("id").HasMaxLength(64);
        builder.Property(k => k.Algorithm).HasColumnName("algorithm").HasMaxLength(16);
        builder.Property(k => k.PublicKey).HasColumnName("public_key");
        builder.Property(k => k.ProtectedPrivateKey).HasColumnName("protected_private_key");
        builder.Property(k => k.CreatedAt).HasColumnName("created_at");
        builder.Property(k => k.ActivatesAt).HasColumnName("activates_at");
        builder.Property(k => k.RotatesAt).HasColumnName("rotates_at");
        builder.Property(k => k.ExpiresAt).HasColumnName("expires_at");
        builder.HasIndex(k => k.ExpiresAt).HasDatabaseName("ix_signing_keys_expires_at");
    }
}
