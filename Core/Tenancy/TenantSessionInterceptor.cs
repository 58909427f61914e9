using System.Data.Common;
using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DigitalDelivery.Core.Tenancy;

/// <summary>Keeps the connection's RLS settings equal to the DbContext's tenant: on open, before each command, after rollback.</summary>
internal sealed class TenantSessionInterceptor : DbConnectionInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
{
    public static TenantSessionInterceptor Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (eventData.Context is DeliveryDbContext context)
        {
            TenantSession.Apply(connection, context, freshConnection: true);
        }
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        eventData.Context is DeliveryDbContext context
            ? TenantSession.ApplyAsync(connection, context, freshConnection: true, cancellationToken)
            : Task.CompletedTask;

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        BeforeCommand(command, eventData);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await BeforeCommandAsync(command, eventData, cancellationToken);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        BeforeCommand(command, eventData);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await BeforeCommandAsync(command, eventData, cancellationToken);
        return result;
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        BeforeCommand(command, eventData);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await BeforeCommandAsync(command, eventData, cancellationToken);
        return result;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private static void BeforeCommand(DbCommand command, CommandEventData eventData)
    {
        if (eventData.Context is DeliveryDbContext context && command.Connection is { } connection)
        {
            TenantSession.Apply(connection, context, freshConnection: false);
        }
    }

    private static Task BeforeCommandAsync(DbCommand command, CommandEventData eventData, CancellationToken cancellationToken) =>
        eventData.Context is DeliveryDbContext context && command.Connection is { } connection
            ? TenantSession.ApplyAsync(connection, context, freshConnection: false, cancellationToken)
            : Task.CompletedTask;

    private static void Forget(Microsoft.EntityFrameworkCore.DbContext? context)
    {
        if (context is DeliveryDbContext delivery)
        {
            delivery.AppliedTenantState = null;
        }
    }
}
