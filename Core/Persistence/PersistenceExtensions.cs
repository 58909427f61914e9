using Azure.Core;
using Azure.Identity;
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

        builder.Services.AddSingleton(_ => BuildDataSource(connectionString));
        // Features contribute EF interceptors as IInterceptor singletons (messaging: wake consumers after commit).
        builder.Services.AddDbContextPool<DeliveryDbContext>((services, options) => options
            .UseNpgsql(services.GetRequiredService<NpgsqlDataSource>())
            .AddInterceptors(services.GetServices<IInterceptor>()));
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"]);
        return builder;
    }

    internal static NpgsqlDataSource BuildDataSource(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var dataSource = new NpgsqlDataSourceBuilder(settings.ConnectionString);
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
