using DigitalDelivery.Core.Redis;
using DigitalDelivery.LocalServers;
using DigitalDelivery.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Tests.Redis;

/// <summary>
/// Stops, restarts and stalls a Redis of its own: the fixture's shared Redis serves tests running in parallel.
/// </summary>
public sealed class RedisResilienceTests(LocalInfrastructure infrastructure)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_client_reconnects_by_itself_after_the_server_restarts()
    {
        await using var server = await RedisServer.StartAsync();
        await using var client = new RedisClient(RedisConnectionSettings.Parse(server.ConnectionString));
        await client.SetAsync("before", "restart", cancellationToken: Cancel);

        await server.StopAsync();
        var whileDown = await Assert.ThrowsAnyAsync<RedisException>(() => client.PingAsync(Cancel));
        await server.RestartAsync();
        await Eventually.ReturnsAsync(() => client.SetAsync("after", "restart", cancellationToken: Cancel), done => done,
            TimeSpan.FromSeconds(15), "the client reconnected");

        Assert.IsType<RedisConnectionException>(whileDown);
        Assert.Equal("restart", await client.GetStringAsync("after", Cancel));
        Assert.Null(await client.GetStringAsync("before", Cancel)); // Nothing is persisted across the restart.
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task A_command_that_gets_no_reply_in_time_times_out_and_the_next_command_uses_a_fresh_connection()
    {
        await using var server = await RedisServer.StartAsync();
        await using var client = new RedisClient(RedisConnectionSettings.Parse($"{server.ConnectionString},asyncTimeout=300"));
        const string busyForOneSecond = """
            local start = redis.call('TIME')
            while true do
              local now = redis.call('TIME')
              if (now[1] - start[1]) * 1000000 + (now[2] - start[2]) > 1000000 then return 1 end
            end
            """;
        await client.PingAsync(Cancel);

        await Assert.ThrowsAsync<RedisTimeoutException>(() => client.EvalAsync(busyForOneSecond, [], [], Cancel));
        var pong = await Eventually.ReturnsAsync(() => client.ExecuteAsync("PING"), _ => true, TimeSpan.FromSeconds(10), "Redis answered again");

        Assert.Equal("PONG", pong.AsString());
    }

    [Fact]
    public async Task The_health_check_is_healthy_while_Redis_answers_and_unhealthy_once_it_is_stopped()
    {
        await using var server = await RedisServer.StartAsync();
        using var host = BuildHost(server.ConnectionString);
        var health = host.Services.GetRequiredService<HealthCheckService>();

        var whileUp = await health.CheckHealthAsync(check => check.Name == "redis", Cancel);
        await server.StopAsync();
        var whileDown = await health.CheckHealthAsync(check => check.Name == "redis", Cancel);

        Assert.Equal(HealthStatus.Healthy, whileUp.Status);
        Assert.Equal(HealthStatus.Unhealthy, whileDown.Status);
        Assert.Equal(HealthStatus.Unhealthy, whileDown.Entries["redis"].Status);
        Assert.DoesNotContain(RedisServer.Password, whileDown.Entries["redis"].Exception!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRedisClient_registers_one_client_for_the_named_connection_string()
    {
        using var host = BuildHost(infrastructure.Redis.ConnectionString);

        var client = host.Services.GetRequiredService<RedisClient>();

        Assert.Same(client, host.Services.GetRequiredService<RedisClient>());
        Assert.Equal(infrastructure.Redis.Port, client.Settings.Endpoints[0].Port);
        await client.PingAsync(Cancel);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public void A_missing_connection_string_fails_resolution_with_a_clear_message()
    {
        using var host = BuildHost(null);

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<RedisClient>());

        Assert.Contains("ConnectionStrings:cache", error.Message, StringComparison.Ordinal);
    }

    private static IHost BuildHost(string? connectionString)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:cache"] = connectionString });
        builder.Services.AddLogging();
        builder.AddRedisClient("cache");
        return builder.Build();
    }
}
