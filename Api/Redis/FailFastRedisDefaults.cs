using StackExchange.Redis.Configuration;

namespace DigitalDelivery.Api.Redis;

/// <summary>
/// Short timeouts for the Api's Redis, whose every command has a fallback: waiting seconds for Redis would cost
/// more than going without it. One connect attempt at startup (a refused connection usually fails in milliseconds,
/// after one connect timeout at most, not three); later reconnects run in the background. Defaults only: <c>connectTimeout</c>,
/// <c>syncTimeout</c>, <c>asyncTimeout</c> and <c>connectRetry</c> in the connection string, or the same keys under
/// Aspire:StackExchange:Redis:ConfigurationOptions, override them.
/// </summary>
internal sealed class FailFastRedisDefaults : DefaultOptionsProvider
{
    public override TimeSpan? ConnectTimeout => TimeSpan.FromSeconds(2);

    public override int ConnectRetry => 1;

    /// <summary>Also the asynchronous timeout, unless that is set on its own.</summary>
    public override TimeSpan SyncTimeout => TimeSpan.FromSeconds(1);
}
