using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DigitalDelivery.ServiceDefaults.Telemetry;

/// <summary>
/// Creates the tracer and meter providers when the host starts and flushes them when it stops; the
/// OpenTelemetry hosting package that would normally do this cannot be obtained here.
/// </summary>
internal sealed class TelemetryProvidersLifetime(TracerProvider tracerProvider, MeterProvider meterProvider) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        tracerProvider.ForceFlush(2_000);
        meterProvider.ForceFlush(2_000);
        return Task.CompletedTask;
    }
}
