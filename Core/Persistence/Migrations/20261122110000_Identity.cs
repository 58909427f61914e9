using DigitalDelivery.Core.Tenancy;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace DigitalDelivery.Core.Persistence.Migrations;

/// <summary>
/// Tenancy, identity and security: the application role and the RLS helper functions every tenant-owned table
/// relies on, portal users and roles, API clients, token signing keys, the Data Protection key ring and the
/// append-only audit log.
/// </summary>
[DbContext(typeof(DeliveryDbContext))]
[Migration("20261122110000_Identity")]
public sealed class Identity : Migration
{
    private const string AppRole = DatabaseRoles.Application;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateRoleAndTenantFunctions(migrationBuilder);
        CreateIdentityTables(migrationBuilder);
        CreateApiClients(migrationBuilder);
        CreateKeyTables(migrationBuilder);
        CreateAuditLog(migrationBuilder);

        migrationBuilder.EnableTenantRowLevelSecurity("users");
        migrationBuilder.EnableRowLevelSecurityThroughParent("user_roles", "user_id", "users");
        migrationBuilder.EnableTenantRowLevelSecurity("api_clients");
        migrationBuilder.EnableTenantRowLevelSecurity("audit_log");

        GrantApplicationRole(migrationBuilder);
        MakeAuditLogAppendOnly(migrationBuilder);
        InsertPortalRoles(migrationBuilder);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "audit_log");
        migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_log_refuse_change();");
        migrationBuilder.DropTable(name: "data_protection_keys");
        migrationBuilder.DropTable(name: "signing_keys");
        migrationBuilder.DropTable(name: "api_clients");
        migrationBuilder.DropTable(name: "user_roles");
        migrationBuilder.DropTable(name: "roles");
        migrationBuilder.DropTable(name: "users");
        migrationBuilder.Sql("DROP FUNCTION IF EXISTS app_tenant_id(); DROP FUNCTION IF EXISTS app_cross_tenant();");
    }

    private static void CreateRoleAndTenantFunctions(MigrationBuilder migrationBuilder)
    {
        // Roles are cluster-wide and several databases may migrate at once (tests): tolerate the race.
        migrationBuilder.Sql($"""
            DO $$
            BEGIN
                CREATE ROLE {AppRole} NOLOGIN NOSUPERUSER NOBYPASSRLS;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$;
            DO $$
            BEGIN
                -- The migrating user switches to the role at connect time (-c role=...); superusers need no grant.
                IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
                    EXECUTE format('GRANT {AppRole} TO %I', current_user);
                END IF;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$;

            CREATE FUNCTION app_tenant_id() RETURNS uuid LANGUAGE sql STABLE
                AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;
            CREATE FUNCTION app_cross_tenant() RETURNS boolean LANGUAGE sql STABLE
                AS $$ SELECT coalesce(current_setting('app.cross_tenant', true), '') = 'on' $$;
            """);
    }

    private static void CreateIdentityTables(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "users",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                normalized_user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                normalized_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                email_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                password_hash = table.Column<string>(type: "text", nullable: true),
                security_stamp = table.Column<string>(type: "text", nullable: true),
                concurrency_stamp = table.Column<string>(type: "text", nullable: true),
                phone_number = table.Column<string>(type: "text", nullable: true),
                phone_number_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                two_factor_enabled = table.Column<bool>(type: "boolean", nullable: false),
                lockout_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                lockout_enabled = table.Column<bool>(type: "boolean", nullable: false),
                access_failed_count = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_users", x => x.id);
                table.ForeignKey("fk_users_organizations", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "ux_users_normalized_user_name", table: "users", column: "normalized_user_name", unique: true);
        migrationBuilder.CreateIndex(name: "ix_users_normalized_email", table: "users", column: "normalized_email");
        migrationBuilder.CreateIndex(name: "ix_users_organization_id", table: "users", column: "organization_id");

        migrationBuilder.CreateTable(
            name: "roles",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                normalized_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                concurrency_stamp = table.Column<string>(type: "text", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_roles", x => x.id));
        migrationBuilder.CreateIndex(name: "ux_roles_normalized_name", table: "roles", column: "normalized_name", unique: true);

        migrationBuilder.CreateTable(
            name: "user_roles",
            columns: table => new
            {
                user_id = table.Column<Guid>(type: "uuid", nullable: false),
                role_id = table.Column<Guid>(type: "uuid", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_user_roles", x => new { x.user_id, x.role_id });
                table.ForeignKey("fk_user_roles_users", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_user_roles_roles", x => x.role_id, "roles", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "ix_user_roles_role_id", table: "user_roles", column: "role_id");
    }

    private static void CreateApiClients(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "api_clients",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                secret_hash = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                scopes = table.Column<string[]>(type: "text[]", nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                secret_rotated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_api_clients", x => x.id);
                table.ForeignKey("fk_api_clients_organizations", x => x.organization_id, "organizations", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "ux_api_clients_client_id", table: "api_clients", column: "client_id", unique: true);
        migrationBuilder.CreateIndex(name: "ix_api_clients_organization_id", table: "api_clients", column: "organization_id");
    }

    private static void CreateKeyTables(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "signing_keys",
            columns: table => new
            {
                id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                algorithm = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                public_key = table.Column<byte[]>(type: "bytea", nullable: false),
                protected_private_key = table.Column<byte[]>(type: "bytea", nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                activates_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                rotates_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_signing_keys", x => x.id));
        migrationBuilder.CreateIndex(name: "ix_signing_keys_expires_at", table: "signing_keys", column: "expires_at");

        migrationBuilder.CreateTable(
            name: "data_protection_keys",
            columns: table => new
            {
                id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                friendly_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                xml = table.Column<string>(type: "text", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_data_protection_keys", x => x.id));
    }

    private static void CreateAuditLog(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "audit_log",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                actor_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                actor_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                action = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                entity_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                entity_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                ip_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                user_agent = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                trace_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_audit_log", x => x.id));
        migrationBuilder.CreateIndex(
            name: "ix_audit_log_organization_id_occurred_at", table: "audit_log", columns: ["organization_id", "occurred_at"]);
    }

    private static void GrantApplicationRole(MigrationBuilder migrationBuilder)
    {
        // ALL TABLES covers tables earlier migrations made; DEFAULT PRIVILEGES covers those later ones make.
        // No TRUNCATE: it ignores row-level security.
        migrationBuilder.Sql($"""
            GRANT USAGE ON SCHEMA public TO {AppRole};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {AppRole};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {AppRole};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {AppRole};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {AppRole};
            REVOKE ALL ON "__EFMigrationsHistory" FROM {AppRole};
            """);
    }

    private static void MakeAuditLogAppendOnly(MigrationBuilder migrationBuilder)
    {
        // Two locks: the services' role lacks the privileges, and a trigger stops even the owner.
        migrationBuilder.Sql($"""
            REVOKE UPDATE, DELETE ON audit_log FROM {AppRole};
            CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$;
            CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
                FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
            CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
                FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
            """);
    }

    private static void InsertPortalRoles(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            INSERT INTO roles (id, name, normalized_name, concurrency_stamp) VALUES
                ('0a4b6e2c-0000-4000-8000-000000000001', 'Owner', 'OWNER', '1'),
                ('0a4b6e2c-0000-4000-8000-000000000002', 'Admin', 'ADMIN', '1'),
                ('0a4b6e2c-0000-4000-8000-000000000003', 'Support', 'SUPPORT', '1'),
                ('0a4b6e2c-0000-4000-8000-000000000004', 'Viewer', 'VIEWER', '1');
            """);
    }
}
