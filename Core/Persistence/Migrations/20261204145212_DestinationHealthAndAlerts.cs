using System;
using DigitalDelivery.Core.Tenancy;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DigitalDelivery.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DestinationHealthAndAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "disabled_at",
                table: "delivery_destinations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "disabled_by",
                table: "delivery_destinations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "disabled_reason",
                table: "delivery_destinations",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "failing_since",
                table: "delivery_destinations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_failure_at",
                table: "delivery_destinations",
                type: "timestamp with time zone",
                nullable: true);

            // Attempts already stored get their delivery's destination and their outcome (an attempt without an
            // error succeeded), so health and metrics cover the history from the first day.
            migrationBuilder.AddColumn<Guid>(
                name: "destination_id",
                table: "delivery_attempts",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "succeeded",
                table: "delivery_attempts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.Sql("""
                UPDATE delivery_attempts a
                SET destination_id = d.destination_id, succeeded = (a.error IS NULL)
                FROM deliveries d
                WHERE d.id = a.delivery_id;
                ALTER TABLE delivery_attempts ALTER COLUMN succeeded DROP DEFAULT;
                """);

            migrationBuilder.AlterColumn<Guid>(
                name: "destination_id",
                table: "delivery_attempts",
                type: "uuid",
                nullable: false,
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.CreateTable(
                name: "alert_rules",
                columns: table => new
                {
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rule = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    threshold = table.Column<double>(type: "double precision", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_rules", x => new { x.organization_id, x.rule });
                    table.ForeignKey(
                        name: "fk_alert_rules_organizations",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rule = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    destination_id = table.Column<Guid>(type: "uuid", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: false),
                    threshold = table.Column<double>(type: "double precision", nullable: false),
                    escalation_level = table.Column<int>(type: "integer", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    escalated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alerts", x => x.id);
                    table.ForeignKey(
                        name: "fk_alerts_delivery_destinations",
                        column: x => x.destination_id,
                        principalTable: "delivery_destinations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_alerts_organizations",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_delivery_attempts_destination_id_started_at",
                table: "delivery_attempts",
                columns: new[] { "destination_id", "started_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "organization_id", "succeeded", "duration_ms", "number", "response_status" });

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_organization_id_pending",
                table: "deliveries",
                column: "organization_id",
                filter: "status = 'pending'");

            migrationBuilder.CreateIndex(
                name: "IX_alerts_destination_id",
                table: "alerts",
                column: "destination_id");

            migrationBuilder.CreateIndex(
                name: "ix_alerts_organization_id_opened_at",
                table: "alerts",
                columns: new[] { "organization_id", "opened_at" });

            migrationBuilder.CreateIndex(
                name: "ux_alerts_unresolved_rule_destination",
                table: "alerts",
                columns: new[] { "organization_id", "rule", "destination_id" },
                unique: true,
                filter: "status <> 'resolved'")
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.EnableTenantRowLevelSecurity("alerts");
            migrationBuilder.EnableTenantRowLevelSecurity("alert_rules");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_rules");

            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropIndex(
                name: "ix_delivery_attempts_destination_id_started_at",
                table: "delivery_attempts");

            migrationBuilder.DropIndex(
                name: "ix_deliveries_organization_id_pending",
                table: "deliveries");

            migrationBuilder.DropColumn(
                name: "disabled_at",
                table: "delivery_destinations");

            migrationBuilder.DropColumn(
                name: "disabled_by",
                table: "delivery_destinations");

            migrationBuilder.DropColumn(
                name: "disabled_reason",
                table: "delivery_destinations");

            migrationBuilder.DropColumn(
                name: "failing_since",
                table: "delivery_destinations");

            migrationBuilder.DropColumn(
                name: "last_failure_at",
                table: "delivery_destinations");

            migrationBuilder.DropColumn(
                name: "destination_id",
                table: "delivery_attempts");

            migrationBuilder.DropColumn(
                name: "succeeded",
                table: "delivery_attempts");
        }
    }
}
