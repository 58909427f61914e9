using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.ServiceDefaults.ServiceDiscovery;

/// <summary>Stops the host at startup with a clear message when a required service endpoint is not configured.</summary>
internal sealed class RequiredServiceEndpointsCheck(
    IEnumerable<RequiredServiceEndpoint> endpoints,
    ServiceEndpointResolver resolver) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var endpoint in endpoints)
        {
            resolver.Resolve(endpoint.LogicalAddress);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
