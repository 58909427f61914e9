using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Polly;

namespace DigitalDelivery.ServiceDefaults.Resilience;

/// <summary>One standard pipeline per HttpClient name, built on first use and kept, with its circuit breaker state.</summary>
internal sealed class HttpResiliencePipelines(IOptionsMonitor<HttpResilienceOptions> options, TimeProvider? timeProvider = null)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline<HttpResponseMessage>> _pipelines = new(StringComparer.Ordinal);

    public ResiliencePipeline<HttpResponseMessage> For(string clientName) =>
        _pipelines.GetOrAdd(clientName, _ => HttpResiliencePipelineFactory.Create(options.CurrentValue, timeProvider ?? TimeProvider.System));
}
