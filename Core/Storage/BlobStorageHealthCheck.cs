using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DigitalDelivery.Core.Storage;

/// <summary>
/// Ready when Blob storage answers an authorized List Containers (one result) within five seconds. The client it
/// gets has retries off, so an unreachable service is reported at once rather than after the retry delays.
/// </summary>
internal sealed class BlobStorageHealthCheck(BlobServiceClient probe) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await foreach (var _ in probe.GetBlobContainersAsync(cancellationToken: timeout.Token).AsPages(pageSizeHint: 1).ConfigureAwait(false))
            {
                break;
            }

            return HealthCheckResult.Healthy();
        }
        catch (RequestFailedException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Blob storage is unreachable or refused the request.", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Blob storage did not answer within 5 s.", ex);
        }
    }
}
