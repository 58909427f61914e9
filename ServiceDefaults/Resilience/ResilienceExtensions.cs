using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;

namespace DigitalDelivery.ServiceDefaults.Resilience;

public static class ResilienceExtensions
{
    /// <summary>
    /// Gives every HttpClient the standard resilience pipeline; options bind from "HttpResilience". Each client
    /// name keeps one pipeline for the life of the process, so its circuit breaker is not reset when the factory
    /// rotates handlers, and one failing service does not open the breaker of another.
    /// </summary>
    public static IServiceCollection AddDefaultHttpResilience(this IServiceCollection services)
    {
        services.AddOptions<HttpResilienceOptions>().BindConfiguration("HttpResilience");
        services.TryAddSingleton<HttpResiliencePipelines>();
        services.ConfigureAll<HttpClientFactoryOptions>(options => options.HttpMessageHandlerBuilderActions.Add(handlers =>
            handlers.AdditionalHandlers.Add(new ResilientHttpHandler(
                handlers.Services.GetRequiredService<HttpResiliencePipelines>().For(handlers.Name ?? string.Empty)))));
        return services;
    }

    /// <summary>
    /// Takes the standard pipeline that ConfigureHttpClientDefaults gives every client off this one, for clients
    /// that bring a policy of their own (a payment call must not be retried for 30 s by a generic handler).
    /// HttpClientFactory applies the defaults before a named client's own configuration, so the handler is
    /// already in the list when this runs.
    /// </summary>
    public static IHttpClientBuilder RemoveDefaultResilience(this IHttpClientBuilder http)
    {
        http.ConfigureAdditionalHttpMessageHandlers((handlers, _) =>
        {
            for (var i = handlers.Count - 1; i >= 0; i--)
            {
                if (handlers[i] is ResilientHttpHandler unwanted)
                {
                    handlers.RemoveAt(i);
                    unwanted.Dispose();
                }
            }
        });
        return http;
    }
}
