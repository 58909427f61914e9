extern alias api;

using api::DigitalDelivery.Api.Redis;
using DigitalDelivery.LocalServers;
using DigitalDelivery.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace DigitalDelivery.Tests.Redis;

/// <summary>
/// The fixed-window Lua script every Redis-backed limit counts with. Tests that read command statistics or restart
/// Redis use a Redis of their own.
/// </summary>
public sealed class RedisFixedWindowTests(LocalInfrastructure infrastructure)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_window_script_counts_atomically_and_after_its_first_use_runs_by_its_hash()
    {
        await using var server = await RedisServer.StartAsync();
        using var host = await ApiRedisHost.StartAsync(server.ConnectionString);
        var database = host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();

        var first = await RedisFixedWindow.HitAsync(database, "window", Window, Cancel);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => RedisFixedWindow.HitAsync(database, "window", Window, Cancel)));
        var statistics = (string?)await database.ExecuteAsync("INFO", "commandstats");

        Assert.Equal(1, first.Count);
        Assert.InRange(first.WindowLeft, Window - TimeSpan.FromSeconds(1), Window);
        Assert.Equal(Enumerable.Range(2, 20), concurrent.Select(hit => (int)hit.Count).Order());
        Assert.All(concurrent, hit => Assert.InRange(hit.WindowLeft, Window - TimeSpan.FromSeconds(10), Window));
        Assert.Contains("cmdstat_eval:calls=1,", statistics, StringComparison.Ordinal);
        Assert.Contains("cmdstat_script|load:calls=1,", statistics, StringComparison.Ordinal);
        Assert.Contains("cmdstat_evalsha:calls=20,", statistics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restarted_Redis_that_forgot_the_script_gets_it_again_and_the_count_starts_over()
    {
        await using var server = await RedisServer.StartAsync();
        using var host = await ApiRedisHost.StartAsync(server.ConnectionString);
        var database = host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        await RedisFixedWindow.HitAsync(database, "window", Window, Cancel);
        await RedisFixedWindow.HitAsync(database, "window", Window, Cancel);

        await server.StopAsync();
        await server.RestartAsync();
        var afterRestart = await Eventually.ReturnsAsync(() => RedisFixedWindow.HitAsync(database, "window", Window, Cancel), _ => true,
            TimeSpan.FromSeconds(15), "the script ran on the restarted Redis");

        Assert.Equal(1, afterRestart.Count);
    }

    [Fact]
    public async Task A_window_that_has_passed_starts_counting_again()
    {
        using var host = await ApiRedisHost.StartAsync(infrastructure.Redis.ConnectionString);
        var database = host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var key = $"test:{Guid.NewGuid():N}:window";
        var shortWindow = TimeSpan.FromMilliseconds(300);
        await RedisFixedWindow.HitAsync(database, key, shortWindow, Cancel);
        var second = await RedisFixedWindow.HitAsync(database, key, shortWindow, Cancel);

        await Eventually.ReturnsAsync(async () => (await database.StringGetAsync(key)).IsNull, gone => gone,
            TimeSpan.FromSeconds(10), "the window's key expired");
        var afterWindow = await RedisFixedWindow.HitAsync(database, key, shortWindow, Cancel);

        Assert.Equal(2, second.Count);
        Assert.InRange(second.WindowLeft, TimeSpan.FromMilliseconds(1), shortWindow);
        Assert.Equal(1, afterWindow.Count);
    }
}
