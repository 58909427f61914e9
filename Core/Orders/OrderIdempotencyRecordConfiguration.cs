using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Orders;

internal sealed class OrderIdempotencyRecordConfiguration : IEntityTypeConfiguration<OrderIdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<OrderIdempotencyRecord> builder)
    {
        builder.ToTable("order_idempotency_keys");
        builder.HasKey(r => new { r.OrganizationId, r.Key });
        builder.Property(r => r.OrganizationId).HasColumnName("organization_id");
        builder.Property(r => r.Key).HasColumnName("key").HasMaxLength(100);
        builder.Property(r => r.RequestHash).HasColumnName("request_hash").HasMaxLength(64);
        builder.Property(r => r.OrderId).HasColumnName("order_id");
        builder.Property(r => r.ResponseStatus).HasColumnName("response_status");
        builder.Property(r => r.ResponseBody).HasColumnName("response_body");
        builder.Property(r => r.CreatedAt).HasColumnName("created_at");
        builder.Property(r => r.ExpiresAt).HasColumnName("expires_at");
        builder.HasIndex(r => r.ExpiresAt).HasDatabaseName("ix_order_idempotency_keys_expires_at");
    }
}
