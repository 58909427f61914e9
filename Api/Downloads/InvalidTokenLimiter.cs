using System.Collections.Concurrent;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Api.Redis;
using DigitalDelivery.Core.Downloads;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.Api.Downloads;

/// <summary>
/// Rate limit of the download endpoint that costs valid requests nothing: only answers 400 (malformed) and 404
/// (unknown token) are counted, per client IP, in a Redis fixed window shared by every instance (the same Lua script
/// as the other policies). Once an IP's count passes the limit, this instance blocks the IP in memory until the
/// window ends, so a flood is answered 429 without touching Redis or PostgreSQL. With Redis down it counts in
/// process, as the other policies do.
/// </summary>
internal sealed class InvalidTokenLimiter(
    RedisAvailability redis, IOptions<RateLimitingOptions> rateLimiting, IOptions<DownloadOptions> options, TimeProvider time)
{
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _blockedUntil = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LocalWindow> _local = new(StringComparer.Ordinal);

    /// <summary>How long the IP stays refused, when it is.</summary>
    public TimeSpan? Blocked(string ip)
    {
        if (_blockedUntil.TryGetValue(ip, out var until))
        {
            var left = until - time.GetUtcNow();
            if (left > TimeSpan.Zero)
            {
                return left;
            }

            _blockedUntil.TryRemove(ip, out _);
        }

        return null;
    }

    /// <summary>Counts one bad token from <paramref name="ip"/>; how long to refuse it when this one went over the limit.</summary>
    public async Task<TimeSpan?> CountAsync(string ip, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (count, windowLeft) = await HitAsync(ip, settings.InvalidTokenWindow, cancellationToken);
        if (count <= settings.InvalidTokenPermitLimit)
        {
            return null;
        }

        var retryAfter = windowLeft > TimeSpan.Zero ? windowLeft : settings.InvalidTokenWindow;
        if (_blockedUntil.Count > SweepAbove)
        {
            var now = time.GetUtcNow();
            foreach (var (key, until) in _blockedUntil)
            {
                if (until <= now)
                {
                    _blockedUntil.TryRemove(key, out _);
                }
            }
        }

        _blockedUntil[ip] = time.GetUtcNow() + retryAfter;
        return retryAfter;
    }

    private async Task<(long Count, TimeSpan WindowLeft)> HitAsync(string ip, TimeSpan window, CancellationToken cancellationToken)
    {
        if (redis.Current is { } database)
        {
            try
            {
                return await RedisFixedWindow.HitAsync(database, $"{rateLimiting.Value.KeyPrefix}download-tokens:{ip}", window, cancellationToken);
            }
            catch (Exception exception) when (RedisAvailability.IsFailure(exception))
            {
                redis.ReportFailure(exception);
            }
        }

        var now = time.GetUtcNow();
        var current = _local.AddOrUpdate(
            ip,
            _ => new LocalWindow(now, 1),
            (_, existing) => existing.Start + window <= now ? new LocalWindow(now, 1) : existing with { Count = existing.Count + 1 });
        return (current.Count, current.Start + window - now);
    }

    private sealed record LocalWindow(DateTimeOffset Start, long Count);
}
