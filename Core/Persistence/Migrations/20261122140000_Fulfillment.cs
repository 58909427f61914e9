using DigitalDelivery.Core.Tenancy;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DigitalDelivery.Core.Persistence.Migrations;

/// <summary>
/// Fulfillment: the tasks of a paid order, the customers' download entitlements and the hashed tokens of their
/// links; plus an index to find the license keys an order line was given. Every table is tenant-owned.
/// </summary>
[DbContext(typeof(DeliveryDbContext))]
[Migration("20261122140000_Fulfillment")]
public sealed class Fulfillment : Migration
{
    private static readonly string[] TenantTables = ["order_fulfillment_tasks", "download_access", "download_links"];

    private const string Timestamp = "timestamp with time zone";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateTasks(migrationBuilder);
        CreateDownloadAccess(migrationBuilder);
        CreateDownloadLinks(migrationBuilder);
        migrationBuilder.CreateIndex(
            name: "ix_license_keys_assigned_to", table: "license_keys", column: "assigned_to", filter: "assigned_to IS NOT NULL");
        foreach (var table in TenantTables)
        {
            migrationBuilder.EnableTenantRowLevelSecurity(table);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "ix_license_keys_assigned_to", table: "license_keys");
        foreach (var table in TenantTables.Reverse())
        {
            migrationBuilder.DropTable(name: table);
        }
    }

    private static void CreateTasks(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "order_fulfillment_tasks",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                order_id = table.Column<Guid>(type: "uuid", nullable: false),
                type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                attempts = table.Column<int>(type: "integer", nullable: false),
                last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                created_at = table.Column<DateTimeOffset>(type: Timestamp, nullable: false),
                updated_at = table.Column<DateTimeOffset>(type: Timestamp, nullable: false),
                completed_at = table.Column<DateTimeOffset>(type: Timestamp, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_order_fulfillment_tasks", x => x.id);
                table.ForeignKey("fk_order_fulfillment_tasks_orders", x => x.order_id, "orders", "id", onDelete: ReferentialAction.Cascade);
                table.CheckConstraint("ck_order_fulfillment_tasks_type", "type IN ('digital_delivery', 'license_key')");
                table.CheckConstraint("ck_order_fulfillment_tasks_status", "status IN ('pending', 'in_progress', 'completed', 'failed')");
            });
        migrationBuilder.CreateIndex(
            name: "ux_order_fulfillment_tasks_order_id_type", table: "order_fulfillment_tasks", columns: ["order_id", "type"], unique: true);
        migrationBuilder.CreateIndex(
            name: "ix_order_fulfillment_tasks_organization_id_status", table: "order_fulfillment_tasks", columns: ["organization_id", "status"]);
    }

    private static void CreateDownloadAccess(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "download_access",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                order_id = table.Column<Guid>(type: "uuid", nullable: false),
                order_line_id = table.Column<Guid>(type: "uuid", nullable: false),
                product_id = table.Column<Guid>(type: "uuid", nullable: false),
                asset_id = table.Column<Guid>(type: "uuid", nullable: false),
                asset_version = table.Column<int>(type: "integer", nullable: false),
                customer_email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                max_downloads = table.Column<int>(type: "integer", nullable: true),
                downloads_used = table.Column<int>(type: "integer", nullable: false),
                granted_at = table.Column<DateTimeOffset>(type: Timestamp, nullable: false),
                expires_at = table.Column<DateTimeOffset>(type: Timestamp, nullable: true),
                last_downloaded_at = table.Column<DateTimeOffset>(type: Timestamp, nullable: true),
                revoked_at = table.Column<DateTimeOffset>(type: Timestamp, nullable: true),
                revoked_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                notify_customer_on_expiry = table.Column<bool>(type: "boolean", nullable: false),
                version = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_download_access", x => x.id);
                table.ForeignKey("fk_download_access_orders", x => x.order_id, "orders", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_download_access_order_lines", x => x.order_line_id, "order_lines", "id", onDelete: ReferentialAction.Cascade);
                table.CheckConstraint("ck_download_access_downloads_used", "downloads_used >= 0");
                table.CheckConstraint("ck_download_access_max_downloads", "max_downloads IS NULL OR max_downloads > 0");
            });
        migrationBuilder.CreateIndex(
            name: "ux_download_access_order_line_id_asset_id", table: "download_access", columns: ["order_line_id", "asset_id"], unique: true);
        migrationBuilder.CreateIndex(name: "ix_download_access_order_id", table: "download_access", column: "order_id");
        migrationBuilder.CreateIndex(
            name: "ix_download_access_organization_id_customer_email", table: "download_access", columns: ["organization_id", "customer_email"]);
    }

    private static void CreateDownloadLinks(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "download_links",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                order_id = table.Column<Guid>(type: "uuid", nullable: false),
                download_access_id = table.Column<Guid>(type: "uuid", nullable: true),
                kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                token_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                created_at = table.Column<DateTimeOffset>(type: Timestamp, nullable: false),
                expires_at = table.Column<DateTimeOffset>(type: Timestamp, nullable: true),
                revoked_at = table.Column<DateTimeOffset>(type: Timestamp, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_download_links", x => x.id);
                table.ForeignKey("fk_download_links_orders", x => x.order_id, "orders", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    "fk_download_links_download_access", x => x.download_access_id, "download_access", "id", onDelete: ReferentialAction.Cascade);
                table.CheckConstraint("ck_download_links_kind", "kind IN ('order', 'file')");
                table.CheckConstraint("ck_download_links_file_has_access", "(kind = 'file') = (download_access_id IS NOT NULL)");
            });
        migrationBuilder.CreateIndex(name: "ux_download_links_token_hash", table: "download_links", column: "token_hash", unique: true);
        migrationBuilder.CreateIndex(name: "ix_download_links_order_id", table: "download_links", column: "order_id");
        migrationBuilder.CreateIndex(name: "ix_download_links_download_access_id", table: "download_links", column: "download_access_id");
    }
}
