namespace DigitalDelivery.ServiceDefaults.Telemetry;

/// <summary>The two probe paths Aspire and container orchestrators call.</summary>
public static class HealthEndpointPaths
{
    public const string Readiness = "/health";
    public const string Liveness = "/alive";

    public static bool IsProbe(string path) =>
        path.Equals(Readiness, StringComparison.OrdinalIgnoreCase)
        || path.Equals(Liveness, StringComparison.OrdinalIgnoreCase);
}
