using DigitalDelivery.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalDelivery.Core.Entitlements;

internal sealed class CustomerMailReceiptConfiguration : IEntityTypeConfiguration<CustomerMailReceipt>
{
    public void Configure(EntityTypeBuilder<CustomerMailReceipt> builder)
    {
        builder.ToTable("customer_mail_receipts", table =>
            table.HasCheckConstraint("ck_customer_mail_receipts_kind", "kind IN ('access', 'expiry-notice')"));
        builder.HasKey(r => r.IdempotencyKey);
        builder.Property(r => r.IdempotencyKey).HasColumnName("idempotency_key").HasMaxLength(200);
        builder.Property(r => r.OrganizationId).HasColumnName("organization_id");
        builder.Property(r => r.Kind).HasColumnName("kind").HasMaxLength(16);
        builder.Property(r => r.OrderId).HasColumnName("order_id");
        builder.Property(r => r.MessageId).HasColumnName("message_id").HasMaxLength(300);
        builder.Property(r => r.SentAt).HasColumnName("sent_at");
        builder.HasIndex(r => r.OrderId).HasDatabaseName("ix_customer_mail_receipts_order_id");
        builder.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_customer_mail_receipts_orders");
    }
}
