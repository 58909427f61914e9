using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DigitalDelivery.ServiceDefaults.Telemetry;

/// <summary>
/// Traces, metrics and logs over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the AppHost sets it).
/// OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES and OTEL_EXPORTER_OTLP_PROTOCOL are read by the SDK itself.
/// </summary>
public static class TelemetryExtensions
{
    public static IHostApplicationBuilder AddDefaultTelemetry(this IHostApplicationBuilder builder)
    {
        var otlpEndpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var exportEnabled = !string.IsNullOrWhiteSpace(otlpEndpoint);
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;

        void ConfigureResource(ResourceBuilder resource) => resource
            .AddService(serviceName)
            .AddEnvironmentVariableDetector()
            .AddAttributes([new("deployment.environment.name", builder.Environment.EnvironmentName)]);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            var resource = ResourceBuilder.CreateEmpty();
            ConfigureResource(resource);
            logging.SetResourceBuilder(resource);
            if (exportEnabled)
            {
                logging.AddOtlpExporter();
            }
        });

        builder.Services.AddSingleton(_ =>
        {
            var tracing = Sdk.CreateTracerProviderBuilder()
                .ConfigureResource(ConfigureResource)
                .SetSampler(new HealthProbeFilteringSampler(new ParentBasedSampler(new AlwaysOnSampler())))
                .AddSource(TelemetrySources.ActivitySources);
            if (exportEnabled)
            {
                tracing.AddOtlpExporter();
            }

            return tracing.Build();
        });

        builder.Services.AddSingleton(_ =>
        {
            var metrics = Sdk.CreateMeterProviderBuilder()
                .ConfigureResource(ConfigureResource)
                .AddMeter(TelemetrySources.Meters);
            if (exportEnabled)
            {
                metrics.AddOtlpExporter();
            }

            return metrics.Build();
        });

        builder.Services.AddHostedService<TelemetryProvidersLifetime>();
        return builder;
    }
}
