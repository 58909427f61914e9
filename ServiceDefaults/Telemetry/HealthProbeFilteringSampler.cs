using System.Diagnostics;
using OpenTelemetry.Trace;

namespace DigitalDelivery.ServiceDefaults.Telemetry;

/// <summary>
/// Drops the spans of health probes: orchestrators poll /health and /alive every few seconds and those traces
/// would drown the ones that matter. ASP.NET Core passes url.path to the sampler when it starts a request span.
/// </summary>
public sealed class HealthProbeFilteringSampler(Sampler inner) : Sampler
{
    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        if (samplingParameters.Tags is not null)
        {
            foreach (var tag in samplingParameters.Tags)
            {
                if (tag.Key == "url.path" && tag.Value is string path && HealthEndpointPaths.IsProbe(path))
                {
                    return new SamplingResult(SamplingDecision.Drop);
                }
            }
        }

        return inner.ShouldSample(samplingParameters);
    }
}
