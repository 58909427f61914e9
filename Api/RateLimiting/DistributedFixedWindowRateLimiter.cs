using System.Threading.RateLimiting;
using DigitalDelivery.Api.Redis;

namespace DigitalDelivery.Api.RateLimiting;

/// <summary>
/// The limiter of one partition: a fixed window counted in Redis (so the limit holds across instances), and an
/// in-process fixed window used instead whenever Redis fails, so requests are limited, never failed, when Redis is down.
/// The synchronous path always declines, which makes the rate limiting middleware call the asynchronous one.
/// </summary>
internal sealed class DistributedFixedWindowRateLimiter(
    string key, RateLimitRule rule, RedisAvailability redis, TimeProvider time) : RateLimiter
{
    private static readonly RateLimitLease Declined = new Lease(false, null);
    private static readonly RateLimitLease Granted = new Lease(true, null);

    private readonly FixedWindowRateLimiter _fallback = new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = rule.PermitLimit,
        Window = rule.Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    });

    private long _lastUsedTicks = time.GetTimestamp();

    public override TimeSpan? IdleDuration => time.GetElapsedTime(Interlocked.Read(ref _lastUsedTicks));

    public override RateLimiterStatistics? GetStatistics() => _fallback.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Declined;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsedTicks, time.GetTimestamp());
        if (redis.Current is { } database)
        {
            try
            {
                var (count, windowLeft) = await RedisFixedWindow.HitAsync(database, key, rule.Window, cancellationToken);
                return count <= rule.PermitLimit ? Granted : new Lease(false, windowLeft > TimeSpan.Zero ? windowLeft : rule.Window);
            }
            catch (Exception exception) when (RedisAvailability.IsFailure(exception))
            {
                redis.ReportFailure(exception);
            }
        }

        return await _fallback.AcquireAsync(permitCount, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _fallback.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _fallback.DisposeAsync();
        await base.DisposeAsyncCore();
    }

    private sealed class Lease(bool isAcquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired { get; } = isAcquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
