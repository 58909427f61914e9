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
