using Microsoft.Extensions.DependencyInjection;

namespace DigitalDelivery.AppHost.Stores;

/// <summary>Redis as the mode asks: Debian's redis-server (port 56379, data in .local/redis) or the container.</summary>
public static class RedisStore
{
    public const int LocalPort = 56379;

    public static IResourceBuilder<IResourceWithConnectionString> AddRedisStore(
        this IDistributedApplicationBuilder builder, StoreMode mode, LocalState state, string name)
    {
        if (mode != StoreMode.Executables)
        {
            return builder.AddRedis(name);
        }

        var dataDirectory = state.DataDirectory("redis");
        var password = state.SecretParameter(builder, "redis");
        var configFile = Path.Combine(dataDirectory, "redis.conf");
        var redis = new LocalRedisResource(name, dataDirectory, password.Resource);

        // A config file rather than arguments keeps the password out of `ps`; the port is an argument because DCP
        // allocates the port the server listens on behind its proxy.
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(redis, async (_, ct) =>
        {
            string[] lines =
            [
                "bind 127.0.0.1",
                "protected-mode yes",
                $"requirepass {state.Secret("redis")}",
                $"dir \"{dataDirectory}\"",
                "appendonly yes",
                "save \"\"",
                "daemonize no",
                "logfile \"\"",
            ];
            await File.WriteAllLinesAsync(configFile, lines, ct);
            LocalState.OwnerOnly(configFile);
        });

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(redis, async (_, ct) =>
            connectionString = await redis.ConnectionStringExpression.GetValueAsync(ct));
        var check = $"{name}_check";
        builder.Services.AddHealthChecks().AddRedis(_ => connectionString!, name: check);

        return builder.AddResource(redis)
            .WithEndpoint(port: LocalPort, name: LocalRedisResource.EndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                context.Args.Add(configFile);
                context.Args.Add("--port");
                context.Args.Add(redis.Endpoint.Property(EndpointProperty.TargetPort));
            })
            .WithIconName("Memory")
            .WithHealthCheck(check);
    }
}
