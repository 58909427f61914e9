using DigitalDelivery.ServiceDefaults.Health;
using DigitalDelivery.ServiceDefaults.Resilience;
using DigitalDelivery.ServiceDefaults.ServiceDiscovery;
using DigitalDelivery.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The Aspire "service defaults" every DigitalDelivery service starts with: OpenTelemetry, health checks,
/// service discovery from configuration and resilient outgoing HTTP.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddDefaultTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddConfigurationServiceDiscovery();
        builder.Services.AddDefaultHttpResilience();
        builder.Services.ConfigureHttpClientDefaults(http => http.AddConfigurationServiceDiscovery());
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapDefaultHealthEndpoints();
        return app;
    }
}
