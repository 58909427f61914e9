using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.ServiceDiscovery;

namespace DigitalDelivery.ServiceDefaults.ServiceDiscovery;

/// <summary>
/// Stops the host at startup when a service this process calls has no address in configuration. Service discovery
/// alone would pass the logical name through to DNS and fail only at the first request, with a resolver error
/// that does not say which setting is missing.
/// </summary>
internal sealed class RequiredServicesCheck(
    IEnumerable<RequiredService> required,
    IConfiguration configuration,
    IOptions<ConfigurationServiceEndpointProviderOptions> options,
    ServiceEndpointResolver resolver) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var address in required.Select(service => service.LogicalAddress).Distinct(StringComparer.Ordinal))
        {
            if (!ServiceEndpointQuery.TryParse(address, out var query))
            {
                throw new InvalidOperationException($"'{address}' is not a service address such as 'https+http://api'.");
            }

            var section = configuration.GetSection(options.Value.SectionName).GetSection(query.ServiceName);
            if (!query.IncludedSchemes.Any(scheme => section.GetSection(scheme).Exists()))
            {
                var keys = query.IncludedSchemes.Select(scheme =>
                    $"'{section.Path}:{scheme}:0' (environment variable {section.Path.Replace(":", "__", StringComparison.Ordinal)}__{scheme}__0)");
                throw new InvalidOperationException(
                    $"No address is configured for service '{query.ServiceName}', which this process calls at {address}. Set "
                    + string.Join(" or ", keys) + ", as the Aspire AppHost does for a reference to that service.");
            }

            // Resolving once now also reports a malformed value at startup rather than at the first request.
            await resolver.GetEndpointsAsync(address, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
