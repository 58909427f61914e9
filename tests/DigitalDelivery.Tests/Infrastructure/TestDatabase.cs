using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DigitalDelivery.Tests.Infrastructure;

/// <summary>Helpers for tests that talk to a database of their own.</summary>
public static class TestDatabase
{
    /// <summary>
    /// Tables that exist only through raw SQL in migrations (not in the EF model) are left out of model comparisons.
    /// </summary>
    private static readonly HashSet<string> RawSqlTables =
    [
        "__EFMigrationsHistory",
        // The payment sandbox stands for a third party's database: plain SQL, not the EF model.
        "sandbox_payments", "sandbox_idempotency", "sandbox_webhook_outbox",
        // The message queue's tables are run by hand-written SQL for speed (see the Messaging migration).
        "messaging_messages", "messaging_dead_letters",
    ];

    public static readonly Func<string, bool> ModelManagedTables = table => !RawSqlTables.Contains(table);

    public static DeliveryDbContext CreateContext(string connectionString) =>
        new(new DbContextOptionsBuilder<DeliveryDbContext>().UseNpgsql(connectionString).Options);

    public static async Task<string> MigratedDatabaseAsync(this LocalInfrastructure infrastructure, string purpose)
    {
        var connectionString = await infrastructure.CreateDatabaseAsync(purpose);
        await MigrateAsync(connectionString);
        return connectionString;
    }

    /// <summary>Applies every migration as the database owner, as <c>Api migrate</c> does.</summary>
    public static async Task MigrateAsync(string connectionString)
    {
        await using var db = CreateContext(connectionString);
        await db.Database.MigrateAsync();
    }

    /// <summary>
    /// A stable text description of the public schema: tables, columns with types, nullability and defaults,
    /// indexes and constraints. Two databases with the same description have the same schema.
    /// </summary>
    public static async Task<string> DescribeSchemaAsync(string connectionString, Func<string, bool>? includeTable = null)
    {
        const string sql = """
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type
                   || coalesce('(' || character_maximum_length || ')', '') || ' ' || is_nullable
                   || ' default=' || coalesce(column_default, '-') AS line, table_name::text
            FROM information_schema.columns WHERE table_schema = 'public'
            UNION ALL
            SELECT 'index ' || tablename || ' ' || regexp_replace(indexdef, 'INDEX \S+ ON', 'INDEX ON'), tablename::text
            FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL
            SELECT 'constraint ' || rel.relname || ' ' || con.contype::text || ' ' || pg_get_constraintdef(con.oid), rel.relname::text
            FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
            JOIN pg_namespace ns ON ns.oid = rel.relnamespace WHERE ns.nspname = 'public'
            ORDER BY 1
            """;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            if (includeTable is null || includeTable(reader.GetString(1)))
            {
                lines.Add(reader.GetString(0));
            }
        }

        return string.Join('\n', lines);
    }
}
