extern alias api;

using api::DigitalDelivery.Api.Downloads;
using api::DigitalDelivery.Api.Orders;
using api::DigitalDelivery.Api.RateLimiting;
using api::DigitalDelivery.Api.Redis;
using DigitalDelivery.Core.Downloads;
using DigitalDelivery.LocalServers;
using DigitalDelivery.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace DigitalDelivery.Tests.Redis;

/// <summary>
/// Redis stopped under the Api's three users: rate limits and the bad-token limiter count in process, the
/// Idempotency-Key cache misses (Postgres answers), nothing throws, the failure is logged once, and all of them use
/// Redis again once it is back and <see cref="RedisAvailability.RetryAfterFailure"/> has passed.
/// </summary>
public sealed class RedisFallbackTests(LocalInfrastructure infrastructure)
{
    private const string Unreachable = "Redis is unreachable";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rate_limits_hold_in_process_while_Redis_is_stopped_and_count_in_Redis_again_once_it_is_back()
    {
        await using var server = await RedisServer.StartAsync();
        var clock = new FakeTimeProvider();
        using var host = await ApiRedisHost.StartAsync(server.ConnectionString, clock);
        var redis = host.Services.GetRequiredService<IConnectionMultiplexer>();
        var rule = new RateLimitRule { PermitLimit = 2, Window = TimeSpan.FromMinutes(1) };
        await using var limiter = host.Services.GetRequiredService<RateLimiterFactory>().Create("tests", "client", rule);
        const string counter = "ratelimit:tests:client";

        var whileUp = await AcquireAsync(limiter);
        var countedWhileUp = (long)await redis.GetDatabase().StringGetAsync(counter);
        await server.StopAsync();
        bool[] whileDown = [await AcquireAsync(limiter), await AcquireAsync(limiter), await AcquireAsync(limiter)];
        await WaitUntilBackAsync(server, redis, clock);
        var afterRestart = await AcquireAsync(limiter);

        Assert.True(whileUp);
        Assert.Equal(1, countedWhileUp);
        Assert.Equal([true, true, false], whileDown); // The in-process window holds the same limit.
        Assert.True(afterRestart); // Counted in Redis again: the in-process window is used up.
        Assert.Equal(1, (long)await redis.GetDatabase().StringGetAsync(counter));
        Assert.Single(host.LoggedMessages(), message => message.StartsWith(Unreachable, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_idempotency_cache_misses_without_throwing_while_Redis_is_stopped_and_serves_again_once_it_is_back()
    {
        await using var server = await RedisServer.StartAsync();
        var clock = new FakeTimeProvider();
        using var host = await ApiRedisHost.StartAsync(server.ConnectionString, clock);
        var cache = new IdempotentResponseCache(host.Services.GetRequiredService<RedisAvailability>());
        var organization = Guid.NewGuid();
        var response = new CachedOrderResponse("request-hash", 201, Guid.NewGuid(), """{"id":1}""");
        var lifetime = TimeSpan.FromMinutes(5);

        await cache.StoreAsync(organization, "key", response, lifetime, Cancel);
        var whileUp = await cache.FindAsync(organization, "key", Cancel);
        await server.StopAsync();
        var whileDown = await cache.FindAsync(organization, "key", Cancel);
        await cache.StoreAsync(organization, "other", response, lifetime, Cancel);
        await WaitUntilBackAsync(server, host.Services.GetRequiredService<IConnectionMultiplexer>(), clock);
        var lostByRestart = await cache.FindAsync(organization, "key", Cancel);
        await cache.StoreAsync(organization, "key", response, lifetime, Cancel);
        var afterRestart = await cache.FindAsync(organization, "key", Cancel);

        Assert.Equal(response, whileUp);
        Assert.Null(whileDown);
        Assert.Null(lostByRestart);
        Assert.Equal(response, afterRestart);
        Assert.Single(host.LoggedMessages(), message => message.StartsWith(Unreachable, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_bad_token_limiter_counts_in_Redis_and_in_process_while_Redis_is_stopped()
    {
        await using var server = await RedisServer.StartAsync();
        var clock = new FakeTimeProvider();
        using var host = await ApiRedisHost.StartAsync(server.ConnectionString, clock);
        var redis = host.Services.GetRequiredService<IConnectionMultiplexer>();
        var limiter = new InvalidTokenLimiter(
            host.Services.GetRequiredService<RedisAvailability>(),
            host.Services.GetRequiredService<IOptions<RateLimitingOptions>>(),
            Options.Create(new DownloadOptions { InvalidTokenPermitLimit = 2, InvalidTokenWindow = TimeSpan.FromMinutes(1) }),
            clock);

        var firstWhileUp = await limiter.CountAsync("192.0.2.1", Cancel);
        var countedInRedis = (long)await redis.GetDatabase().StringGetAsync("ratelimit:download-tokens:192.0.2.1");
        await server.StopAsync();
        TimeSpan?[] whileDown =
        [
            await limiter.CountAsync("192.0.2.2", Cancel), await limiter.CountAsync("192.0.2.2", Cancel), await limiter.CountAsync("192.0.2.2", Cancel),
        ];

        Assert.Null(firstWhileUp);
        Assert.Equal(1, countedInRedis);
        Assert.Null(whileDown[0]);
        Assert.Null(whileDown[1]);
        Assert.NotNull(whileDown[2]); // The third bad token in the window is one too many.
        Assert.NotNull(limiter.Blocked("192.0.2.2"));
        Assert.Null(limiter.Blocked("192.0.2.1"));
    }

    [Fact]
    public async Task A_cancelled_request_is_not_taken_for_a_Redis_failure()
    {
        using var host = await ApiRedisHost.StartAsync(infrastructure.Redis.ConnectionString);
        var availability = host.Services.GetRequiredService<RedisAvailability>();
        var cache = new IdempotentResponseCache(availability);
        var organization = Guid.NewGuid();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cache.FindAsync(organization, "key", cancelled.Token));

        Assert.NotNull(availability.Current);
        Assert.DoesNotContain(host.LoggedMessages(), message => message.StartsWith(Unreachable, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cached_response_expires_after_its_lifetime()
    {
        using var host = await ApiRedisHost.StartAsync(infrastructure.Redis.ConnectionString);
        var cache = new IdempotentResponseCache(host.Services.GetRequiredService<RedisAvailability>());
        var organization = Guid.NewGuid();
        var response = new CachedOrderResponse("request-hash", 201, Guid.NewGuid(), "{}");

        await cache.StoreAsync(organization, "short-lived", response, TimeSpan.FromMilliseconds(300), Cancel);
        var stored = await cache.FindAsync(organization, "short-lived", Cancel);
        await Eventually.ReturnsAsync(() => cache.FindAsync(organization, "short-lived", Cancel), found => found is null,
            TimeSpan.FromSeconds(10), "the cached response expired");

        Assert.Equal(response, stored);
    }

    private static async Task<bool> AcquireAsync(System.Threading.RateLimiting.RateLimiter limiter)
    {
        using var lease = await limiter.AcquireAsync(cancellationToken: Cancel);
        return lease.IsAcquired;
    }

    private static async Task WaitUntilBackAsync(RedisServer server, IConnectionMultiplexer redis, FakeTimeProvider clock)
    {
        await server.RestartAsync();
        await Eventually.ReturnsAsync(() => Task.FromResult(redis.IsConnected), connected => connected, TimeSpan.FromSeconds(15),
            "the multiplexer reconnected");
        clock.Advance(RedisAvailability.RetryAfterFailure);
    }
}
