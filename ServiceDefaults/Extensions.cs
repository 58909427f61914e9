using DigitalDelivery.ServiceDefaults.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The Aspire service defaults every DigitalDelivery service starts with: OpenTelemetry (exported over OTLP when
/// the AppHost sets OTEL_EXPORTER_OTLP_ENDPOINT), health checks, service discovery and the standard resilience
/// handler on every HttpClient.
/// </summary>
public static class Extensions
{
    /// <summary>Prefix of every ActivitySource and Meter the product defines (messaging, scanning, Redis...).</summary>
    public const string ProductTelemetry = "DigitalDelivery.*";

    private const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // HttpResilience:* overrides the standard handler's options (Retry:MaxRetryAttempts, TotalRequestTimeout:Timeout...).
            http.AddStandardResilienceHandler(options => builder.Configuration.GetSection("HttpResilience").Bind(options));
            http.AddServiceDiscovery();
        });
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            // Outside the AppHost OTEL_SERVICE_NAME is unset: name the service after the application then.
            .ConfigureResource(resource => resource
                .AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName)
                .AddAttributes([new("deployment.environment.name", builder.Environment.EnvironmentName)]))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter("Polly", ProductTelemetry))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, ProductTelemetry)
                // Orchestrators poll the probes every few seconds; their spans would drown the ones that matter.
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !HealthEndpointPaths.IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>/health is readiness (every check); /alive is liveness (only the checks tagged "live").</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// Maps the probes in every environment (the AppHost and orchestrators call them). Outside Development they
    /// answer the status word only, so a probe reveals nothing about the internals.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var detailed = app.Environment.IsDevelopment();
        HealthCheckOptions Options(Func<HealthCheckRegistration, bool>? predicate)
        {
            var options = new HealthCheckOptions { Predicate = predicate };
            if (detailed)
            {
                options.ResponseWriter = HealthReportWriter.WriteDetailed;
            }

            return options;
        }

        app.MapHealthChecks(HealthEndpointPaths.Readiness, Options(predicate: null));
        app.MapHealthChecks(HealthEndpointPaths.Liveness, Options(registration => registration.Tags.Contains(LiveTag)));
        return app;
    }
}
