using System.Data.Common;
using DigitalDelivery.Core.Persistence;
using Npgsql;

namespace DigitalDelivery.Core.Tenancy;

/// <summary>
/// Writes the tenant into the PostgreSQL session the RLS policies read. Session-level (not SET LOCAL) so that
/// EF's autocommit queries see it too; it cannot leak to another tenant because it is written again whenever a
/// connection opens or the scope's tenant differs from what the connection carries, and Npgsql's reset
/// (DISCARD ALL) clears it when a connection goes back to the pool, so raw pooled connections start empty.
/// A rolled-back transaction undoes set_config, so a rollback marks the state unknown.
/// </summary>
internal static class TenantSession
{
    private const string Sql =
        "SELECT set_config('app.tenant_id', @tenant, false), set_config('app.cross_tenant', @cross, false)";

    public static void Apply(DbConnection connection, DeliveryDbContext context, bool freshConnection)
    {
        var wanted = TenantSessionState.Of(context.Tenant);
        if (!NeedsApplying(context, wanted, freshConnection))
        {
            return;
        }

        using var command = CreateCommand(connection, wanted);
        command.ExecuteNonQuery();
        context.AppliedTenantState = wanted;
    }

    public static async Task ApplyAsync(DbConnection connection, DeliveryDbContext context, bool freshConnection, CancellationToken cancellationToken)
    {
        var wanted = TenantSessionState.Of(context.Tenant);
        if (!NeedsApplying(context, wanted, freshConnection))
        {
            return;
        }

        await using var command = CreateCommand(connection, wanted);
        await command.ExecuteNonQueryAsync(cancellationToken);
        context.AppliedTenantState = wanted;
    }

    private static bool NeedsApplying(DeliveryDbContext context, TenantSessionState wanted, bool freshConnection)
    {
        if (freshConnection)
        {
            // A connection from the pool has been reset, so it carries the empty state already.
            context.AppliedTenantState = TenantSessionState.Empty;
        }

        // Null means unknown (after a rollback, which undoes set_config): apply again.
        return context.AppliedTenantState != wanted;
    }

    private static DbCommand CreateCommand(DbConnection connection, TenantSessionState state)
    {
        var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.Parameters.Add(new NpgsqlParameter("tenant", state.OrganizationId?.ToString() ?? string.Empty));
        command.Parameters.Add(new NpgsqlParameter("cross", state.CrossTenant ? "on" : string.Empty));
        return command;
    }
}
