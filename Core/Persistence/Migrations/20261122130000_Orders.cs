using DigitalDelivery.Core.Tenancy;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DigitalDelivery.Core.Persistence.Migrations;

/// <summary>
/// Orders: orders with their lines and timeline of transitions, the Idempotency-Keys of order creation, and
/// the stock held and sold per limited product. Every table is tenant-owned and gets its row-level security policy.
/// </summary>
[DbContext(typeof(DeliveryDbContext))]
[Migration("20261122130000_Orders")]
public sealed class Orders : Migration
{
    private static readonly string[] TenantTables = ["orders", "order_lines", "order_transitions", "order_idempotency_keys", "product_stock"];

    private const string Timestamp = "timestamp with time zone";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateOrders(migrationBuilder);
        CreateIdempotencyKeys(migrationBuilder);
        CreateProductStock(migrationBuilder);
        foreach (var table in TenantTables)
        {
            migrationBuilder.EnableTenantRowLevelSecurity(table);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in TenantTables.Reverse())
        {
            migrationBuilder.DropTable(name: table);
        }
    }

    private static void CreateOrders(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "orders",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                customer_email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                customer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                total_minor = table.Column<long>(type: "bigint", nullable: false),
                currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                created_at = table.Column<DateTimeOffset>(type: Timestamp, nullable: false),
                updated_at = table.Column<DateTimeOffset>(type: Timestamp, nullable: false),
                reservation_expires_at = table.Column<DateTimeOffset>(type: Timestamp, nullable: true),
                reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                preauth_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                version = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_orders", x => x.id);
                table.ForeignKey("fk_orders_organizations", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Cascade);
                table.CheckConstraint("ck_orders_total_minor", "total_minor >= 0");
            });
        migrationBuilder.CreateIndex(name: "ix_orders_organization_id_created_at", table: "orders", columns: ["organization_id", "created_at"]);

        migrationBuilder.CreateTable(
            name: "order_lines",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                order_id = table.Column<Guid>(type: "uuid", nullable: false),
                product_id = table.Column<Guid>(type: "uuid", nullable: false),
                sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                product_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                product_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                quantity = table.Column<int>(type: "integer", nullable: false),
                unit_price_minor = table.Column<long>(type: "bigint", nullable: false),
                line_total_minor = table.Column<long>(type: "bigint", nullable: false),
                reserved_quantity = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_order_lines", x => x.id);
                table.ForeignKey("fk_order_lines_orders", x => x.order_id, "orders", "id", onDelete: ReferentialAction.Cascade);
                table.CheckConstraint("ck_order_lines_quantity", "quantity > 0");
                table.CheckConstraint("ck_order_lines_reserved_quantity", "reserved_quantity >= 0");
            });
        migrationBuilder.CreateIndex(name: "ix_order_lines_order_id", table: "order_lines", column: "order_id");

        migrationBuilder.CreateTable(
            name: "order_transitions",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                order_id = table.Column<Guid>(type: "uuid", nullable: false),
                sequence = table.Column<int>(type: "integer", nullable: false),
                from_status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                to_status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                cause = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                occurred_at = table.Column<DateTimeOffset>(type: Timestamp, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_order_transitions", x => x.id);
                table.ForeignKey("fk_order_transitions_orders", x => x.order_id, "orders", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(
            name: "ux_order_transitions_order_id_sequence", table: "order_transitions", columns: ["order_id", "sequence"], unique: true);
    }

    private static void CreateIdempotencyKeys(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "order_idempotency_keys",
            columns: table => new
            {
                organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                order_id = table.Column<Guid>(type: "uuid", nullable: true),
                response_status = table.Column<int>(type: "integer", nullable: false),
                response_body = table.Column<string>(type: "text", nullable: true),
                created_at = table.Column<DateTimeOffset>(type: Timestamp, nullable: false),
                expires_at = table.Column<DateTimeOffset>(type: Timestamp, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_order_idempotency_keys", x => new { x.organization_id, x.key }));
        migrationBuilder.CreateIndex(name: "ix_order_idempotency_keys_expires_at", table: "order_idempotency_keys", column: "expires_at");
    }

    private static void CreateProductStock(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "product_stock",
            columns: table => new
            {
                product_id = table.Column<Guid>(type: "uuid", nullable: false),
                organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                reserved = table.Column<int>(type: "integer", nullable: false),
                sold = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_product_stock", x => x.product_id);
                table.ForeignKey("fk_product_stock_products", x => x.product_id, "products", "id", onDelete: ReferentialAction.Cascade);
                table.CheckConstraint("ck_product_stock_reserved", "reserved >= 0");
                table.CheckConstraint("ck_product_stock_sold", "sold >= 0");
            });
        migrationBuilder.CreateIndex(name: "ix_product_stock_organization_id", table: "product_stock", column: "organization_id");
    }
}
