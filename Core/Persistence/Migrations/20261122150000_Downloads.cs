using DigitalDelivery.Core.Tenancy;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DigitalDelivery.Core.Persistence.Migrations;

/// <summary>
/// Downloads: the clients' download sessions (the unit the download limit counts) and the log of every attempt.
/// Both tables are tenant-owned.
/// </summary>
[DbContext(typeof(DeliveryDbContext))]
[Migration("20261122150000_Downloads")]
public sealed class Downloads : Migration
{
    private static readonly string[] TenantTables = ["download_sessions", "download_attempts"];

    private const string Timestamp = "timestamp with time zone";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateSessions(migrationBuilder);
        CreateAttempts(migrationBuilder);
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

    private static void CreateSessions(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "download_sessions",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                download_access_id = table.Column<Guid>(type: "uuid", nullable: false),
                client_fingerprint = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                opened_at = table.Column<DateTimeOffset>(type: Timestamp, nullable: false),
                last_seen_at = table.Column<DateTimeOffset>(type: Timestamp, nullable: false),
                sessions_opened = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_download_sessions", x => x.id);
                table.ForeignKey(
                    "fk_download_sessions_download_access", x => x.download_access_id, "download_access", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(
            name: "ux_download_sessions_download_access_id_client_fingerprint",
            table: "download_sessions",
            columns: ["download_access_id", "client_fingerprint"],
            unique: true);
    }

    private static void CreateAttempts(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "download_attempts",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                order_id = table.Column<Guid>(type: "uuid", nullable: false),
                download_access_id = table.Column<Guid>(type: "uuid", nullable: false),
                file_id = table.Column<Guid>(type: "uuid", nullable: true),
                occurred_at = table.Column<DateTimeOffset>(type: Timestamp, nullable: false),
                method = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                ip_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                user_agent = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                range = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                status_code = table.Column<int>(type: "integer", nullable: false),
                bytes_sent = table.Column<long>(type: "bigint", nullable: false),
                outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                counted = table.Column<bool>(type: "boolean", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_download_attempts", x => x.id);
            });
        migrationBuilder.CreateIndex(
            name: "ix_download_attempts_download_access_id_occurred_at", table: "download_attempts", columns: ["download_access_id", "occurred_at"]);
        migrationBuilder.CreateIndex(
            name: "ix_download_attempts_order_id_occurred_at", table: "download_attempts", columns: ["order_id", "occurred_at"]);
    }
}
