using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DigitalDelivery.Core.Scanning;

/// <summary>Ready when clamd answers PING; without it uploads cannot be scanned and stay Pending.</summary>
internal sealed class ClamAvHealthCheck(ClamAvClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.PingAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (ClamAvUnavailableException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "clamd is unreachable.", ex);
        }
    }
}
