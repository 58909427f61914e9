using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.ServiceDefaults.ServiceDiscovery;

public static class ServiceDiscoveryExtensions
{
    /// <summary>
    /// Gives the client a logical base address such as <c>https+http://api</c> (resolved by service discovery,
    /// which AddServiceDefaults adds to every client) and checks at startup that configuration holds its address.
    /// </summary>
    public static IHttpClientBuilder WithServiceBaseAddress(this IHttpClientBuilder http, string logicalAddress)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = new Uri(logicalAddress, UriKind.Absolute);
        http.Services.AddSingleton(new RequiredService(logicalAddress));
        http.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RequiredServicesCheck>());
        http.ConfigureHttpClient(client => client.BaseAddress = address);
        return http;
    }
}
