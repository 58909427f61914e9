extern alias api;

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using api::DigitalDelivery.Api.Redis;
using DigitalDelivery.LocalServers;
using DigitalDelivery.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace DigitalDelivery.Tests.Redis;

/// <summary>
/// The Api's StackExchange.Redis connection (AddApiRedis) against Redis servers that stop, stall, refuse the
/// credentials or do not exist: it fails fast, never hangs a caller, recovers by itself and never shows the password.
/// Tests that stop or stall Redis start one of their own: the fixture's shared Redis serves tests running in parallel.
/// </summary>
public sealed class RedisResilienceTests(LocalInfrastructure infrastructure)
{
    private const string HealthCheckName = "StackExchange.Redis";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_connection_reconnects_by_itself_after_the_server_restarts()
    {
        await using var server = await RedisServer.StartAsync();
        using var host = await ApiRedisHost.StartAsync(server.ConnectionString);
        var redis = host.Services.GetRequiredService<IConnectionMultiplexer>();
        var database = redis.GetDatabase();
        await database.StringSetAsync("before", "restart");

        await server.StopAsync();
        await Assert.ThrowsAsync<RedisConnectionException>(() => database.PingAsync());
        await server.RestartAsync();
        await Eventually.ReturnsAsync(() => database.StringSetAsync("after", "restart"), done => done,
            TimeSpan.FromSeconds(15), "the connection was restored");

        Assert.Equal("restart", (string?)await database.StringGetAsync("after"));
        Assert.True((await database.StringGetAsync("before")).IsNull); // Nothing is persisted across the restart.
        Assert.True(redis.IsConnected);
    }

    [Fact]
    public async Task A_command_that_gets_no_reply_in_time_times_out_and_later_commands_succeed_once_Redis_answers_again()
    {
        await using var server = await RedisServer.StartAsync();
        using var host = await ApiRedisHost.StartAsync($"{server.ConnectionString},asyncTimeout=1000");
        var database = host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        const string busyForThreeSeconds = """
            local start = redis.call('TIME')
            while true do
              local now = redis.call('TIME')
              if (now[1] - start[1]) * 1000000 + (now[2] - start[2]) > 3000000 then return 1 end
            end
            """;
        await database.PingAsync();

        await Assert.ThrowsAsync<RedisTimeoutException>(() => database.ScriptEvaluateAsync(busyForThreeSeconds));
        await Eventually.ReturnsAsync(() => database.PingAsync(), _ => true, TimeSpan.FromSeconds(20), "Redis answered again");
        var latency = await database.PingAsync(); // Nothing is queued behind the stalled script any more.

        Assert.True(latency < TimeSpan.FromSeconds(1), $"PING took {latency}.");
    }

    [Fact]
    public async Task The_health_check_is_healthy_while_Redis_answers_and_unhealthy_once_it_is_stopped()
    {
        await using var server = await RedisServer.StartAsync();
        using var host = await ApiRedisHost.StartAsync(server.ConnectionString);
        var health = host.Services.GetRequiredService<HealthCheckService>();

        var whileUp = await health.CheckHealthAsync(check => check.Name == HealthCheckName, Cancel);
        await server.StopAsync();
        var whileDown = await health.CheckHealthAsync(check => check.Name == HealthCheckName, Cancel);

        Assert.Equal(HealthStatus.Healthy, whileUp.Status);
        Assert.Equal(HealthStatus.Unhealthy, whileDown.Status);
        Assert.Equal(HealthStatus.Unhealthy, whileDown.Entries[HealthCheckName].Status);
        Assert.DoesNotContain(RedisServer.Password, whileDown.Entries[HealthCheckName].Exception!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddApiRedis_registers_one_multiplexer_for_the_cache_connection_string()
    {
        using var host = await ApiRedisHost.StartAsync(infrastructure.Redis.ConnectionString);

        var redis = host.Services.GetRequiredService<IConnectionMultiplexer>();
        var current = host.Services.GetRequiredService<RedisAvailability>().Current;

        Assert.Same(redis, host.Services.GetRequiredService<IConnectionMultiplexer>());
        Assert.Same(redis, current?.Multiplexer);
        Assert.Equal(infrastructure.Redis.Port, Assert.IsType<IPEndPoint>(Assert.Single(redis.GetEndPoints())).Port);
        await current!.PingAsync();
        Assert.True(redis.IsConnected);
    }

    [Fact]
    public async Task Without_a_connection_string_the_host_starts_Redis_is_not_used_and_resolution_says_what_is_missing()
    {
        using var host = await ApiRedisHost.StartAsync(null);

        var current = host.Services.GetRequiredService<RedisAvailability>().Current;
        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<IConnectionMultiplexer>());

        Assert.Null(current);
        Assert.Contains("ConnectionStrings:cache", error.Message, StringComparison.Ordinal);
        Assert.Single(host.LoggedMessages(), message => message.StartsWith("Redis is not configured", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_nobody_listening_startup_waits_one_short_connect_at_most_and_commands_fail_at_once_never_showing_the_password()
    {
        var port = FreePort.Next();
        var started = Stopwatch.GetTimestamp();

        // The library's own defaults (5 s to connect, commands queued while disconnected) would take over 5 s here.
        using var host = await ApiRedisHost.StartAsync($"127.0.0.1:{port},password=secret-pw");
        var startup = Stopwatch.GetElapsedTime(started);
        var database = host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        started = Stopwatch.GetTimestamp();
        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => database.PingAsync());
        var command = Stopwatch.GetElapsedTime(started);

        Assert.InRange(startup, TimeSpan.Zero, TimeSpan.FromSeconds(4.5)); // Usually milliseconds; 2 s connect timeout at most.
        Assert.InRange(command, TimeSpan.Zero, TimeSpan.FromMilliseconds(900)); // Not queued for a reconnect (1 s timeout).
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(host.LoggedMessages(), message => message.Contains("secret-pw", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_server_that_never_answers_cannot_hang_startup_or_a_caller_beyond_the_timeouts()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var started = Stopwatch.GetTimestamp();

        using var host = await ApiRedisHost.StartAsync($"127.0.0.1:{port},password=x,connectTimeout=300,asyncTimeout=600");
        var error = await Assert.ThrowsAnyAsync<Exception>(
            () => host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().PingAsync());
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.True(RedisAvailability.IsFailure(error), error.GetType().Name);
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3));
    }

    [Theory]
    [InlineData(",password=not-the-password-xyz")]
    [InlineData("")]
    public async Task Wrong_or_missing_credentials_fail_as_an_authentication_failure_that_never_shows_the_password(string credentials)
    {
        using var host = await ApiRedisHost.StartAsync($"127.0.0.1:{infrastructure.Redis.Port}{credentials}");

        var error = await Assert.ThrowsAsync<RedisConnectionException>(
            () => host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().PingAsync());

        Assert.Equal(ConnectionFailureType.AuthenticationFailure, Assert.IsType<RedisConnectionException>(error.InnerException).FailureType);
        Assert.Contains("Authentication required", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password-xyz", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(host.LoggedMessages(), message => message.Contains("not-the-password-xyz", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_two_endpoints_of_which_one_is_down_commands_go_to_the_one_that_answers()
    {
        var nobody = FreePort.Next();
        using var host = await ApiRedisHost.StartAsync(
            $"127.0.0.1:{nobody},127.0.0.1:{infrastructure.Redis.Port},password={RedisServer.Password}");
        var redis = host.Services.GetRequiredService<IConnectionMultiplexer>();

        await redis.GetDatabase().PingAsync();

        Assert.True(redis.IsConnected);
    }
}
