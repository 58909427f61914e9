using StackExchange.Redis.Configuration;

namespace DigitalDelivery.Api.Redis;

/// <summary>
/// Short timeouts for the Api's Redis, whose every command has a fallback: waiting seconds for Redis would cost
/// more than going without it. Defaults only: <c>connectTimeout</c>, <c>syncTimeout</c> and <c>asyncTimeout</c> in
/// the connection string, or the same keys under Aspire:StackExchange:Redis:ConfigurationOptions, override them.
/// </summary>
internal sealed class FailFastRedisDefaults : DefaultOptionsProvider
{
    public override TimeSpan? ConnectTimeout => TimeSpan.FromSeconds(2);

    /// <summary>Also the asynchronous timeout, unless that is set on its own.</summary>
    public override TimeSpan SyncTimeout => TimeSpan.FromSeconds(1);
}
