using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DigitalDelivery.Core.Redis;

/// <summary>Ready when Redis answers PING within two seconds.</summary>
internal sealed class RedisHealthCheck(RedisClient client) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var latency = await client.PingAsync(timeout.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"PING took {latency.TotalMilliseconds:0.0} ms."));
        }
        catch (RedisException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis is unreachable.", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis did not answer PING within 2 s.", ex);
        }
    }
}
