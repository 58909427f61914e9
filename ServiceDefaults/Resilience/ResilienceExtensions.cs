using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.ServiceDefaults.Resilience;

public static class ResilienceExtensions
{
    /// <summary>Adds the standard resilience pipeline to a client; options bind from "HttpResilience".</summary>
    public static IHttpClientBuilder AddDefaultResilience(this IHttpClientBuilder http)
    {
        http.Services.AddOptions<HttpResilienceOptions>().BindConfiguration("HttpResilience");
        http.AddHttpMessageHandler(services => new ResilientHttpHandler(
            HttpResiliencePipelineFactory.Create(
                services.GetRequiredService<IOptionsMonitor<HttpResilienceOptions>>().Get(http.Name),
                services.GetService<TimeProvider>() ?? TimeProvider.System)));
        return http;
    }
}
