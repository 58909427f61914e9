using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DigitalDelivery.Core.Blobs;

/// <summary>Ready when Blob storage answers an authorized List Containers (one result) within five seconds.</summary>
internal sealed class BlobStorageHealthCheck(BlobStore store) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await store.ProbeAsync(timeout.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (BlobStorageException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Blob storage is unreachable or refused the request.", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Blob storage did not answer within 5 s.", ex);
        }
    }
}
