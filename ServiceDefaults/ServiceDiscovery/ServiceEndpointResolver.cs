using Microsoft.Extensions.Configuration;

namespace DigitalDelivery.ServiceDefaults.ServiceDiscovery;

/// <summary>
/// Resolves Aspire-style logical addresses such as <c>https+http://api</c> from the configuration keys the AppHost
/// injects (<c>services:api:https:0</c>, <c>services:api:http:0</c>), trying the schemes in the order written.
/// Stands in for Microsoft.Extensions.ServiceDiscovery, which cannot be obtained here.
/// </summary>
public sealed class ServiceEndpointResolver(IConfiguration configuration)
{
    /// <summary>Returns the concrete base address for a logical one; other addresses pass through unchanged.</summary>
    public Uri Resolve(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!IsLogical(address, out var schemes))
        {
            return address;
        }

        var serviceName = address.Host;
        foreach (var scheme in schemes)
        {
            var configured = configuration[$"services:{serviceName}:{scheme}:0"];
            if (!string.IsNullOrWhiteSpace(configured))
            {
                var endpoint = new Uri(configured, UriKind.Absolute);
                return new UriBuilder(endpoint) { Path = address.AbsolutePath, Query = address.Query.TrimStart('?') }.Uri;
            }
        }

        throw new ServiceDiscoveryException(
            $"No endpoint is configured for service '{serviceName}'. Set "
            + string.Join(" or ", schemes.Select(s => $"'services:{serviceName}:{s}:0' (environment variable services__{serviceName}__{s}__0)"))
            + ", as the Aspire AppHost does for a project reference.");
    }

    private static bool IsLogical(Uri address, out string[] schemes)
    {
        schemes = address.Scheme.Split('+');
        // A plain http/https address with a dotted host or a port is concrete; a bare name or a "+"-joined scheme is logical.
        var joined = schemes.Length > 1;
        var bareName = address.IsDefaultPort && !address.Host.Contains('.', StringComparison.Ordinal)
            && !address.IsLoopback && address.HostNameType == UriHostNameType.Dns;
        return (joined || bareName) && schemes.All(s => s is "http" or "https");
    }
}
