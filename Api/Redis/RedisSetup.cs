using DigitalDelivery.Core.Persistence;
using StackExchange.Redis;
using StackExchange.Redis.Configuration;

namespace DigitalDelivery.Api.Redis;

public static class RedisSetup
{
    /// <summary>
    /// StackExchange.Redis through Aspire's client integration for ConnectionStrings:cache (<c>host:port,password=…</c>,
    /// <c>,ssl=true</c> with TLS): one <see cref="IConnectionMultiplexer"/>, its health check and tracing. Redis only
    /// speeds the Api up (every user has a fallback), so the connection never aborts startup and commands fail at once
    /// while it is down instead of queueing for a reconnect; it reconnects in the background. It connects at startup,
    /// so no request waits for the first connection; without a connection string the Api runs on its fallbacks
    /// (<see cref="RedisAvailability"/> logs it).
    /// </summary>
    public static IHostApplicationBuilder AddApiRedis(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient(ConnectionNames.Cache, settings => settings.DisableAutoActivation = settings.ConnectionString is null, options =>
        {
            options.AbortOnConnectFail = false;
            options.BacklogPolicy = BacklogPolicy.FailFast;

            // Azure's provider keeps its own defaults (and its maintenance notifications); the timeouts can still be
            // set in the connection string or in Aspire:StackExchange:Redis:ConfigurationOptions.
            if (options.Defaults is not AzureOptionsProvider)
            {
                options.Defaults = new FailFastRedisDefaults();
            }
        });
        builder.Services.AddSingleton<RedisAvailability>();
        return builder;
    }
}
