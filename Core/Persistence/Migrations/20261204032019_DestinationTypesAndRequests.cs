using System;
using DigitalDelivery.Core.Tenancy;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DigitalDelivery.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DestinationTypesAndRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "protected_secret",
                table: "delivery_destinations",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AddColumn<string>(
                name: "config",
                table: "delivery_destinations",
                type: "jsonb",
                nullable: false,
                defaultValue: "{}");

            // Webhooks were the only type: their URL becomes their settings.
            migrationBuilder.Sql("UPDATE delivery_destinations SET config = jsonb_build_object('url', url);");

            migrationBuilder.DropColumn(
                name: "url",
                table: "delivery_destinations");

            migrationBuilder.AddColumn<int>(
                name: "half_open_successes",
                table: "delivery_destinations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "previous_secret_expires_at",
                table: "delivery_destinations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "protected_previous_secret",
                table: "delivery_destinations",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "download_count",
                table: "deliveries",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "failed_at",
                table: "deliveries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "idempotency_key",
                table: "deliveries",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "priority",
                table: "deliveries",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "result",
                table: "deliveries",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "tags",
                table: "deliveries",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.CreateTable(
                name: "delivery_link_downloads",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    delivery_id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ip_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    user_agent = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    status_code = table.Column<int>(type: "integer", nullable: false),
                    counted = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_delivery_link_downloads", x => x.id);
                });

            // The defaults only fill the rows that exist; new rows always carry their values, as the model says.
            migrationBuilder.Sql("""
                ALTER TABLE delivery_destinations ALTER COLUMN config DROP DEFAULT, ALTER COLUMN half_open_successes DROP DEFAULT;
                ALTER TABLE deliveries ALTER COLUMN priority DROP DEFAULT, ALTER COLUMN tags DROP DEFAULT, ALTER COLUMN download_count DROP DEFAULT;
                """);

            migrationBuilder.EnableTenantRowLevelSecurity("delivery_link_downloads");

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_destination_id_failed_at",
                table: "deliveries",
                columns: new[] { "destination_id", "failed_at" },
                filter: "failed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_organization_id_correlation_id",
                table: "deliveries",
                columns: new[] { "organization_id", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_organization_id_idempotency_key",
                table: "deliveries",
                columns: new[] { "organization_id", "idempotency_key" },
                filter: "idempotency_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_tags",
                table: "deliveries",
                column: "tags")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_delivery_link_downloads_delivery_id_occurred_at",
                table: "delivery_link_downloads",
                columns: new[] { "delivery_id", "occurred_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "delivery_link_downloads");

            migrationBuilder.DropIndex(
                name: "ix_deliveries_destination_id_failed_at",
                table: "deliveries");

            migrationBuilder.DropIndex(
                name: "ix_deliveries_organization_id_correlation_id",
                table: "deliveries");

            migrationBuilder.DropIndex(
                name: "ix_deliveries_organization_id_idempotency_key",
                table: "deliveries");

            migrationBuilder.DropIndex(
                name: "ix_deliveries_tags",
                table: "deliveries");

            migrationBuilder.DropColumn(
                name: "half_open_successes",
                table: "delivery_destinations");

            migrationBuilder.DropColumn(
                name: "previous_secret_expires_at",
                table: "delivery_destinations");

            migrationBuilder.DropColumn(
                name: "protected_previous_secret",
                table: "delivery_destinations");

            migrationBuilder.DropColumn(
                name: "download_count",
                table: "deliveries");

            migrationBuilder.DropColumn(
                name: "failed_at",
                table: "deliveries");

            migrationBuilder.DropColumn(
                name: "idempotency_key",
                table: "deliveries");

            migrationBuilder.DropColumn(
                name: "priority",
                table: "deliveries");

            migrationBuilder.DropColumn(
                name: "result",
                table: "deliveries");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "deliveries");

            migrationBuilder.AlterColumn<string>(
                name: "protected_secret",
                table: "delivery_destinations",
                type: "text",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "url",
                table: "delivery_destinations",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("UPDATE delivery_destinations SET url = coalesce(config->>'url', '');");

            migrationBuilder.DropColumn(
                name: "config",
                table: "delivery_destinations");
        }
    }
}
