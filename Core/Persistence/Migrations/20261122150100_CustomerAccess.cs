using DigitalDelivery.Core.Tenancy;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DigitalDelivery.Core.Persistence.Migrations;

/// <summary>
/// Customer access: when an entitlement's expiry notice went out, and receipts of customer mails (so a redelivered
/// message does not mail twice). The receipts table is tenant-owned.
/// </summary>
[DbContext(typeof(DeliveryDbContext))]
[Migration("20261122150100_CustomerAccess")]
public sealed class CustomerAccess : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTimeOffset>(
            name: "expiry_notice_sent_at", table: "download_access", type: "timestamp with time zone", nullable: true);
        migrationBuilder.CreateTable(
            name: "customer_mail_receipts",
            columns: table => new
            {
                idempotency_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                order_id = table.Column<Guid>(type: "uuid", nullable: false),
                message_id = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_customer_mail_receipts", x => x.idempotency_key);
                table.ForeignKey("fk_customer_mail_receipts_orders", x => x.order_id, "orders", "id", onDelete: ReferentialAction.Cascade);
                table.CheckConstraint("ck_customer_mail_receipts_kind", "kind IN ('access', 'expiry-notice')");
            });
        migrationBuilder.CreateIndex(name: "ix_customer_mail_receipts_order_id", table: "customer_mail_receipts", column: "order_id");
        migrationBuilder.EnableTenantRowLevelSecurity("customer_mail_receipts");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "customer_mail_receipts");
        migrationBuilder.DropColumn(name: "expiry_notice_sent_at", table: "download_access");
    }
}
