using DigitalDelivery.Core.Redis;

namespace DigitalDelivery.Api.RateLimiting;

/// <summary>
/// Whether the Api should try Redis now (rate limits, the Idempotency-Key fast path). After a failure, Redis is
/// skipped for <see cref="RetryAfterFailure"/> (rate limits use their in-process limiters), so an unreachable or
/// hanging Redis costs one slow request, not every one; the failure is logged here, once per window.
/// </summary>
public sealed partial class RedisAvailability(IServiceProvider services, TimeProvider time, ILogger<RedisAvailability> logger)
{
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    private readonly Lazy<RedisClient?> _client = new(() => Resolve(services, logger));
    private long _unavailableUntilTicks;

    /// <summary>The client to use now, or null while Redis is considered down (or not configured).</summary>
    public RedisClient? Current =>
        time.GetUtcNow().UtcTicks < Interlocked.Read(ref _unavailableUntilTicks) ? null : _client.Value;

    public void ReportFailure(Exception exception)
    {
        var until = (time.GetUtcNow() + RetryAfterFailure).UtcTicks;
        if (Interlocked.Exchange(ref _unavailableUntilTicks, until) < time.GetUtcNow().UtcTicks)
        {
            LogFallingBack(logger, RetryAfterFailure.TotalSeconds, exception.GetType().Name);
        }
    }

    private static RedisClient? Resolve(IServiceProvider services, ILogger logger)
    {
        try
        {
            return services.GetService<RedisClient>();
        }
        catch (InvalidOperationException)
        {
            LogNotConfigured(logger);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unreachable ({Error}); for {Seconds} s rate limits hold in process and Idempotency-Key replays are read from Postgres.")]
    private static partial void LogFallingBack(ILogger logger, double seconds, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is not configured (ConnectionStrings:cache); rate limits hold per instance only.")]
    private static partial void LogNotConfigured(ILogger logger);
}
