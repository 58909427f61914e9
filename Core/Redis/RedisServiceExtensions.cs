using DigitalDelivery.Core.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DigitalDelivery.Core.Redis;

public static class RedisServiceExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="RedisClient"/> for ConnectionStrings:&lt;connectionName&gt; and a readiness
    /// health check named "redis". The connection string is read when the client is first resolved, so test hosts
    /// may supply configuration after this call; a missing or malformed one fails that resolution with a clear error.
    /// </summary>
    public static IHostApplicationBuilder AddRedisClient(this IHostApplicationBuilder builder, string connectionName = ConnectionNames.Cache)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        builder.Services.AddSingleton(services =>
        {
            var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString(connectionName)
                ?? throw new InvalidOperationException(
                    $"ConnectionStrings:{connectionName} is not set (environment variable ConnectionStrings__{connectionName}).");
            return RedisConnectionSettings.Parse(connectionString);
        });
        builder.Services.AddSingleton(services => new RedisClient(
            services.GetRequiredService<RedisConnectionSettings>(),
            services.GetService<TimeProvider>(),
            services.GetService<ILogger<RedisClient>>()));
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return builder;
    }
}
