using StackExchange.Redis;

namespace DigitalDelivery.Api.Redis;

/// <summary>
/// Whether the Api should try Redis now (rate limits, the Idempotency-Key fast path, the bad-token limiter). After a
/// failure, Redis is skipped for <see cref="RetryAfterFailure"/> (each user has its fallback: in-process limits,
/// Postgres), so a hanging Redis costs one slow request, not every one; the failure is logged here, once per window.
/// The multiplexer itself fails fast while disconnected and reconnects in the background (<see cref="RedisSetup"/>).
/// </summary>
public sealed partial class RedisAvailability(IServiceProvider services, TimeProvider time, ILogger<RedisAvailability> logger)
{
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    private readonly Lazy<IDatabase?> _database = new(() => Resolve(services, logger));
    private long _unavailableUntilTicks;

    /// <summary>The database to use now, or null while Redis is considered down (or is not configured).</summary>
    public IDatabase? Current =>
        time.GetUtcNow().UtcTicks < Interlocked.Read(ref _unavailableUntilTicks) ? null : _database.Value;

    /// <summary>
    /// What StackExchange.Redis throws when Redis cannot serve a command: no connection, an error reply, or no reply in
    /// time (<see cref="RedisTimeoutException"/> is a <see cref="TimeoutException"/>, not a <see cref="RedisException"/>).
    /// </summary>
    public static bool IsFailure(Exception exception) => exception is RedisException or RedisTimeoutException;

    public void ReportFailure(Exception exception)
    {
        var until = (time.GetUtcNow() + RetryAfterFailure).UtcTicks;
        if (Interlocked.Exchange(ref _unavailableUntilTicks, until) < time.GetUtcNow().UtcTicks)
        {
            LogFallingBack(logger, RetryAfterFailure.TotalSeconds, exception.GetType().Name);
        }
    }

    private static IDatabase? Resolve(IServiceProvider services, ILogger logger)
    {
        try
        {
            return services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        }
        catch (InvalidOperationException)
        {
            // No endpoint: ConnectionStrings:cache is not set.
            LogNotConfigured(logger);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unreachable ({Error}); for {Seconds} s rate limits hold in process and Idempotency-Key replays are read from Postgres.")]
    private static partial void LogFallingBack(ILogger logger, double seconds, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is not configured (ConnectionStrings:cache); rate limits hold per instance only.")]
    private static partial void LogNotConfigured(ILogger logger);
}
