using DigitalDelivery.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.ServiceDefaults.Health;

/// <summary>
/// /health is readiness (every registered check) and /alive is liveness (only checks tagged "live").
/// Outside Development both answer the status word only, so a probe reveals nothing about the internals.
/// </summary>
public static class HealthCheckExtensions
{
    public const string LiveTag = "live";

    public static IHostApplicationBuilder AddDefaultHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    public static WebApplication MapDefaultHealthEndpoints(this WebApplication app)
    {
        var detailed = app.Environment.IsDevelopment();
        app.MapHealthChecks(HealthEndpointPaths.Readiness, new HealthCheckOptions
        {
            ResponseWriter = detailed ? HealthReportWriter.WriteDetailed : HealthReportWriter.WriteStatusOnly,
        });
        app.MapHealthChecks(HealthEndpointPaths.Liveness, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(LiveTag),
            ResponseWriter = detailed ? HealthReportWriter.WriteDetailed : HealthReportWriter.WriteStatusOnly,
        });
        return app;
    }
}
