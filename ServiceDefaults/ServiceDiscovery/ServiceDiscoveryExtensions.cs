using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.ServiceDefaults.ServiceDiscovery;

public static class ServiceDiscoveryExtensions
{
    public static IServiceCollection AddConfigurationServiceDiscovery(this IServiceCollection services)
    {
        services.TryAddSingleton<ServiceEndpointResolver>();
        services.TryAddTransient<ServiceDiscoveryHandler>();
        return services;
    }

    public static IHttpClientBuilder AddConfigurationServiceDiscovery(this IHttpClientBuilder http)
    {
        http.AddHttpMessageHandler<ServiceDiscoveryHandler>();
        return http;
    }

    /// <summary>
    /// Gives the client a logical base address such as <c>https+http://api</c> and checks at startup, not at the
    /// first request, that configuration can resolve it.
    /// </summary>
    public static IHttpClientBuilder WithServiceBaseAddress(this IHttpClientBuilder http, string logicalAddress)
    {
        var address = new Uri(logicalAddress, UriKind.Absolute);
        http.Services.AddConfigurationServiceDiscovery();
        http.Services.AddSingleton(new RequiredServiceEndpoint(address));
        http.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RequiredServiceEndpointsCheck>());
        http.ConfigureHttpClient(client => client.BaseAddress = address);
        return http;
    }
}
