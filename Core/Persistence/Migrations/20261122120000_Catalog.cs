using DigitalDelivery.Core.Tenancy;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace DigitalDelivery.Core.Persistence.Migrations;

/// <summary>
/// The catalog: uploaded files, products, their digital assets and version history, delivery configuration
/// (tenant defaults and product overrides), license key pools, and tenant notices. Every table is tenant-owned
/// and gets its row-level security policy here.
/// </summary>
[DbContext(typeof(DeliveryDbContext))]
[Migration("20261122120000_Catalog")]
public sealed class Catalog : Migration
{
    private static readonly string[] TenantTables =
    [
        "catalog_files", "products", "product_assets", "product_asset_versions", "delivery_defaults",
        "product_delivery_configs", "license_key_pools", "license_keys", "tenant_notices",
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateFiles(migrationBuilder);
        CreateProducts(migrationBuilder);
        CreateAssets(migrationBuilder);
        CreateDeliveryConfiguration(migrationBuilder);
        CreateLicenseKeys(migrationBuilder);
        CreateNotices(migrationBuilder);
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

    private static void CreateFiles(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "catalog_files",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                blob_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                size_bytes = table.Column<long>(type: "bigint", nullable: false),
                sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                scan_detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                scan_attempts = table.Column<int>(type: "integer", nullable: false),
                scanned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                uploaded_by = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: true),
                version = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_catalog_files", x => x.id);
                table.ForeignKey("fk_catalog_files_organizations", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "ux_catalog_files_blob_name", table: "catalog_files", column: "blob_name", unique: true);
        migrationBuilder.CreateIndex(
            name: "ix_catalog_files_organization_id_uploaded_at", table: "catalog_files", columns: ["organization_id", "uploaded_at"]);
    }

    private static void CreateProducts(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "products",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                normalized_sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                price_minor = table.Column<long>(type: "bigint", nullable: false),
                currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                stock_limit = table.Column<int>(type: "integer", nullable: true),
                asset_update_policy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                version = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_products", x => x.id);
                table.ForeignKey("fk_products_organizations", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Cascade);
                table.CheckConstraint("ck_products_price_minor", "price_minor >= 0");
                table.CheckConstraint("ck_products_stock_limit", "stock_limit IS NULL OR stock_limit >= 0");
            });
        migrationBuilder.CreateIndex(
            name: "ux_products_organization_id_normalized_sku", table: "products", columns: ["organization_id", "normalized_sku"], unique: true);
        migrationBuilder.CreateIndex(
            name: "ix_products_organization_id_created_at", table: "products", columns: ["organization_id", "created_at"]);
    }

    private static void CreateAssets(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "product_assets",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                product_id = table.Column<Guid>(type: "uuid", nullable: false),
                name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                current_file_id = table.Column<Guid>(type: "uuid", nullable: false),
                current_version = table.Column<int>(type: "integer", nullable: false),
                max_downloads = table.Column<int>(type: "integer", nullable: true),
                expires_after_days = table.Column<int>(type: "integer", nullable: true),
                notify_customer_on_expiry = table.Column<bool>(type: "boolean", nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                version = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_product_assets", x => x.id);
                table.ForeignKey("fk_product_assets_products", x => x.product_id, "products", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_product_assets_catalog_files", x => x.current_file_id, "catalog_files", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "ix_product_assets_product_id", table: "product_assets", column: "product_id");
        migrationBuilder.CreateIndex(name: "ix_product_assets_current_file_id", table: "product_assets", column: "current_file_id");

        migrationBuilder.CreateTable(
            name: "product_asset_versions",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                asset_id = table.Column<Guid>(type: "uuid", nullable: false),
                number = table.Column<int>(type: "integer", nullable: false),
                file_id = table.Column<Guid>(type: "uuid", nullable: false),
                note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_product_asset_versions", x => x.id);
                table.ForeignKey("fk_product_asset_versions_product_assets", x => x.asset_id, "product_assets", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_product_asset_versions_catalog_files", x => x.file_id, "catalog_files", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(
            name: "ux_product_asset_versions_asset_id_number", table: "product_asset_versions", columns: ["asset_id", "number"], unique: true);
        migrationBuilder.CreateIndex(name: "ix_product_asset_versions_file_id", table: "product_asset_versions", column: "file_id");
    }

    private static void CreateDeliveryConfiguration(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "delivery_defaults",
            columns: table => new
            {
                organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                auto_fulfill_on_payment = table.Column<bool>(type: "boolean", nullable: false),
                destinations = table.Column<string[]>(type: "text[]", nullable: false),
                retry_max_attempts = table.Column<int>(type: "integer", nullable: false),
                retry_base_delay_seconds = table.Column<int>(type: "integer", nullable: false),
                retry_max_delay_seconds = table.Column<int>(type: "integer", nullable: false),
                updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                version = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_delivery_defaults", x => x.organization_id);
                table.ForeignKey("fk_delivery_defaults_organizations", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "product_delivery_configs",
            columns: table => new
            {
                product_id = table.Column<Guid>(type: "uuid", nullable: false),
                organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                auto_fulfill_on_payment = table.Column<bool>(type: "boolean", nullable: true),
                destinations = table.Column<string[]>(type: "text[]", nullable: true),
                retry_max_attempts = table.Column<int>(type: "integer", nullable: true),
                retry_base_delay_seconds = table.Column<int>(type: "integer", nullable: true),
                retry_max_delay_seconds = table.Column<int>(type: "integer", nullable: true),
                updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                version = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_product_delivery_configs", x => x.product_id);
                table.ForeignKey("fk_product_delivery_configs_products", x => x.product_id, "products", "id", onDelete: ReferentialAction.Cascade);
            });
    }

    private static void CreateLicenseKeys(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "license_key_pools",
            columns: table => new
            {
                product_id = table.Column<Guid>(type: "uuid", nullable: false),
                organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                hash_key = table.Column<byte[]>(type: "bytea", nullable: false),
                low_stock_threshold = table.Column<int>(type: "integer", nullable: true),
                low_stock_notified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                version = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_license_key_pools", x => x.product_id);
                table.ForeignKey("fk_license_key_pools_products", x => x.product_id, "products", "id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "license_keys",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                product_id = table.Column<Guid>(type: "uuid", nullable: false),
                key_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                protected_key = table.Column<string>(type: "text", nullable: false),
                hint = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                import_id = table.Column<Guid>(type: "uuid", nullable: false),
                imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                assigned_to = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_license_keys", x => x.id);
                table.ForeignKey("fk_license_keys_license_key_pools", x => x.product_id, "license_key_pools", "product_id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(
            name: "ux_license_keys_product_id_key_hash", table: "license_keys", columns: ["product_id", "key_hash"], unique: true);
        migrationBuilder.CreateIndex(
            name: "ix_license_keys_available", table: "license_keys", columns: ["product_id", "id"], filter: "assigned_at IS NULL");
    }

    private static void CreateNotices(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "tenant_notices",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                subject_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                subject_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_tenant_notices", x => x.id);
                table.ForeignKey("fk_tenant_notices_organizations", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(
            name: "ix_tenant_notices_organization_id_created_at", table: "tenant_notices", columns: ["organization_id", "created_at"]);
    }
}
