using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Core.Scanning;

public static class VirusScanningExtensions
{
    public const string HealthCheckName = "clamav";

    /// <summary>
    /// Registers <see cref="ClamAvClient"/> (singleton) from ConnectionStrings:clamav and the optional ClamAv
    /// section, and the readiness check "clamav" (PING). Fails at startup when the connection string is missing
    /// or malformed, like the other connections.
    /// </summary>
    public static IHostApplicationBuilder AddVirusScanning(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = ClamAvSettings.FromConfiguration(builder.Configuration);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(services => new ClamAvClient(settings, services.GetRequiredService<TimeProvider>()));
        // A probe must answer quickly; the registration's timeout reports a hung clamd as the failure status.
        builder.Services.AddHealthChecks().AddCheck<ClamAvHealthCheck>(HealthCheckName, tags: ["ready"],
            timeout: TimeSpan.FromSeconds(5));
        return builder;
    }
}
