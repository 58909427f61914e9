using Azure.Core;
using Azure.Identity;
using DigitalDelivery.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace DigitalDelivery.Core.Persistence;

public static class PersistenceExtensions
{
    /// <summary>
    /// Registers the Npgsql data source and <see cref="DeliveryDbContext"/> from ConnectionStrings:deliverydb, in
    /// either form the AppHost injects: with a password locally, or host and database only in Azure, where an
    /// Entra ID token (DefaultAzureCredential) is the password.
    /// </summary>
    public static IHostApplicationBuilder AddDeliveryDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionNames.Database)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionNames.Database} is not set (environment variable ConnectionStrings__{ConnectionNames.Database}).");

        // Services run as the non-owner application role so row-level security binds them (see DatabaseRoles);
        // only migrations use the owner's connection.
        builder.Services.AddSingleton(_ => BuildDataSource(connectionString, DatabaseRoles.Application));
        builder.Services.AddKeyedSingleton(OwnerConnection, (_, _) => BuildDataSource(connectionString, role: null));
        // Features contribute EF interceptors as IInterceptor singletons (tenancy: the RLS session settings).
        builder.Services.AddSingleton<IInterceptor>(TenantSessionInterceptor.Instance);
        builder.Services.AddPooledDbContextFactory<DeliveryDbContext>((services, options) => options
            .UseNpgsql(services.GetRequiredService<NpgsqlDataSource>())
            .AddInterceptors(services.GetServices<IInterceptor>()));
        builder.Services.AddScoped<TenantContext>();
        builder.Services.AddScoped<ITenantContext>(services => services.GetRequiredService<TenantContext>());
        builder.Services.AddScoped(services =>
        {
            var context = services.GetRequiredService<IDbContextFactory<DeliveryDbContext>>().CreateDbContext();
            context.Tenant = services.GetRequiredService<ITenantContext>();
            return context;
        });
        builder.Services.AddKeyedScoped(OwnerConnection, (services, _) => new DeliveryDbContext(
            new DbContextOptionsBuilder<DeliveryDbContext>()
                .UseNpgsql(services.GetRequiredKeyedService<NpgsqlDataSource>(OwnerConnection)).Options));
        // The Aspire integration adds to this registration what it would give its own: a health check on the
        // DbContext, Npgsql tracing and metrics. Its retrying execution strategy stays off: the queue and the
        // handlers open their own transactions, which a retrying strategy refuses to run.
        builder.EnrichNpgsqlDbContext<DeliveryDbContext>(settings => settings.DisableRetry = true);
        return builder;
    }

    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>Service key of the owner's data source and DbContext, for migrations and nothing else.</summary>
    public const string OwnerConnection = "owner";

    internal static NpgsqlDataSource BuildDataSource(string connectionString, string? role)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!settings.ContainsKey("Max Auto Prepare"))
        {
            // Statements run often are prepared on each connection after a few executions: parsing and planning
            // unprepared statements was most of PostgreSQL's CPU per delivery (docs/benchmarks.md, Deliveries). A
            // connection string that sets it (0 to turn it off) wins.
            settings.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (role is not null)
        {
            // A startup parameter, not SET ROLE: it is the session's reset value, so DISCARD ALL keeps it.
            settings.Options = $"{settings.Options} -c role={role}".Trim();
        }

        var dataSource = new NpgsqlDataSourceBuilder(settings.ConnectionString);
        // A command outside any span is the queue's polling or another background loop: as root spans of their own
        // they would bury the traces an operator looks for (thousands an hour per service). Inside a request's or a
        // handler's span every command is traced.
        dataSource.ConfigureTracing(tracing => tracing
            .ConfigureCommandFilter(_ => System.Diagnostics.Activity.Current is not null)
            .ConfigureBatchFilter(_ => System.Diagnostics.Activity.Current is not null));
        if (string.IsNullOrEmpty(settings.Password))
        {
            UseEntraIdTokens(dataSource);
        }

        return dataSource.Build();
    }

    // Azure Database for PostgreSQL accepts an Entra ID access token as the password; tokens last about an hour.
    private static void UseEntraIdTokens(NpgsqlDataSourceBuilder dataSource)
    {
        var credential = new DefaultAzureCredential();
        var scope = new TokenRequestContext(["https://ossrdbms-aad.database.windows.net/.default"]);
        dataSource.UsePasswordProvider(
            _ => credential.GetToken(scope, CancellationToken.None).Token,
            async (_, ct) => (await credential.GetTokenAsync(scope, ct)).Token);
    }
}
