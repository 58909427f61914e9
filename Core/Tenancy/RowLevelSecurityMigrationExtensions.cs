using Microsoft.EntityFrameworkCore.Migrations;

namespace DigitalDelivery.Core.Tenancy;

/// <summary>
/// One line per tenant-owned table in a migration. The policies call app_tenant_id() / app_cross_tenant(),
/// created by the 20261122110000_Identity migration, which read the settings <see cref="TenantSession"/> writes.
/// </summary>
public static class RowLevelSecurityMigrationExtensions
{
    /// <summary>Rows of <paramref name="table"/> are visible and writable only for the tenant in the session.</summary>
    public static void EnableTenantRowLevelSecurity(this MigrationBuilder migrationBuilder, string table, string column = "organization_id")
    {
        migrationBuilder.Sql($"""
            ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY;
            ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY;
            CREATE POLICY tenant_isolation ON "{table}"
                USING (app_cross_tenant() OR "{column}" = app_tenant_id())
                WITH CHECK (app_cross_tenant() OR "{column}" = app_tenant_id());
            """);
    }

    /// <summary>
    /// For a child table without its own organization column: a row is visible when its parent row is, and the
    /// parent's own policy decides that (e.g. user_roles through users).
    /// </summary>
    public static void EnableRowLevelSecurityThroughParent(
        this MigrationBuilder migrationBuilder, string table, string column, string parentTable, string parentKey = "id")
    {
        var parentVisible = $"""EXISTS (SELECT 1 FROM "{parentTable}" p WHERE p."{parentKey}" = "{table}"."{column}")""";
        migrationBuilder.Sql($"""
            ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY;
            ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY;
            CREATE POLICY tenant_isolation ON "{table}" USING ({parentVisible}) WITH CHECK ({parentVisible});
            """);
    }

    public static void DisableTenantRowLevelSecurity(this MigrationBuilder migrationBuilder, string table)
    {
        migrationBuilder.Sql($"""
            DROP POLICY IF EXISTS tenant_isolation ON "{table}";
            ALTER TABLE "{table}" NO FORCE ROW LEVEL SECURITY;
            ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY;
            """);
    }
}
