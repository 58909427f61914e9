using Microsoft.AspNetCore.Http;

namespace DigitalDelivery.ServiceDefaults.Health;

/// <summary>The two probe paths Aspire and container orchestrators call.</summary>
public static class HealthEndpointPaths
{
    public const string Readiness = "/health";
    public const string Liveness = "/alive";

    public static bool IsProbe(PathString path) =>
        path.StartsWithSegments(Readiness, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(Liveness, StringComparison.OrdinalIgnoreCase);
}
