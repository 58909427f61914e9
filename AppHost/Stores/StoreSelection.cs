using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace DigitalDelivery.AppHost.Stores;

/// <summary>
/// Picks the <see cref="StoreMode"/>: configuration <c>Stores:Mode</c> (Executables, Containers or Auto, the
/// default) and, for Auto, whether a container runtime answers. A container resource on a machine without one waits
/// forever (PLATFORM.md section 2), so Auto asks the runtime once, with a short timeout, before modelling anything.
/// </summary>
public static class StoreSelection
{
    public static StoreMode Resolve(IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return StoreMode.Publish;
        }

        var configured = builder.Configuration["Stores:Mode"];
        if (string.IsNullOrEmpty(configured) || string.Equals(configured, "Auto", StringComparison.OrdinalIgnoreCase))
        {
            return ContainerRuntimeAnswers(builder.Configuration) ? StoreMode.Containers : StoreMode.Executables;
        }

        return Enum.TryParse<StoreMode>(configured, ignoreCase: true, out var mode) && mode != StoreMode.Publish
            ? mode
            : throw new InvalidOperationException($"Stores:Mode '{configured}' is not one of Auto, Executables, Containers.");
    }

    // The same runtime DCP would use: ASPIRE_CONTAINER_RUNTIME (or its older DOTNET_ name), else docker.
    private static bool ContainerRuntimeAnswers(ConfigurationManager configuration)
    {
        var runtime = configuration["ASPIRE_CONTAINER_RUNTIME"] ?? configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"] ?? "docker";
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(runtime, ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (probe is null)
            {
                return false;
            }

            if (!probe.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                probe.Kill(entireProcessTree: true);
                return false;
            }

            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no such command
        }
    }
}
