using DigitalDelivery.Core.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Core.Downloads;

public static class DownloadsExtensions
{
    /// <summary>
    /// The download side's data services (needs AddDeliveryDatabase): the token lookup, session counting and the
    /// batched attempt log with its writer. Settings from section <see cref="DownloadOptions.SectionName"/>.
    /// </summary>
    public static IHostApplicationBuilder AddDownloads(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DownloadOptions>().BindConfiguration(DownloadOptions.SectionName)
            .Validate(DownloadOptions.IsValid, "Downloads settings are out of range (see docs/downloads.md).")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddKeyedSingleton(DataSourceKey, (services, _) => BuildDataSource(services.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton<DownloadGrants>();
        builder.Services.AddSingleton<DownloadSessions>();
        builder.Services.AddSingleton<DownloadAttemptLog>();
        builder.Services.AddSingleton<DownloadAttemptStore>();
        builder.Services.AddHostedService<DownloadAttemptWriter>();
        return builder;
    }

    /// <summary>Service key of the downloads' own data source (see <see cref="BuildDataSource"/>).</summary>
    public const string DataSourceKey = "downloads";

    /// <summary>
    /// The application role's pool without Npgsql's reset on close (several statements sent before each reused
    /// connection's first command), with automatic preparation and generic plans. Safe only because every statement sent through it
    /// sets its tenant settings with set_config(..., true), local to its own transaction, so nothing outlives the
    /// transaction; EF's connections, which write session-level settings, keep using the resetting pool.
    /// </summary>
    private static Npgsql.NpgsqlDataSource BuildDataSource(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionNames.Database)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionNames.Database} is not set.");
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true, MaxAutoPrepare = 16 };
        // A generic plan from the first execution: the lookup joins seven tables, and PostgreSQL would otherwise plan
        // it afresh for the first five executions on every connection. Few connections: each query is short.
        settings.Options = $"{settings.Options} -c plan_cache_mode=force_generic_plan".Trim();
        settings.MaxPoolSize = Math.Min(settings.MaxPoolSize, 4 * Environment.ProcessorCount + 4);
        return PersistenceExtensions.BuildDataSource(settings.ConnectionString, DatabaseRoles.Application);
    }
}
