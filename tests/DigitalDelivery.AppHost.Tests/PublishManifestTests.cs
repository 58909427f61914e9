using System.Diagnostics;
using System.Text.Json;

namespace DigitalDelivery.AppHost.Tests;

/// <summary>
/// The publish manifest azd reads: the AppHost run with <c>--publisher manifest</c>. Executables cannot be deployed,
/// so in publish mode every store must be a container or a connection string the deployment supplies.
/// </summary>
public sealed class PublishManifestTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public async Task The_manifest_holds_the_services_the_migrations_and_deployable_stores_only()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("dd-manifest-").FullName, "aspire-manifest.json");
        var appHost = Projects.AppHost.ProjectPath;
        using var process = Process.Start(new ProcessStartInfo("dotnet",
            ["run", "--project", appHost, "--no-build", "-c", Configuration, "--no-launch-profile", "--",
             "--publisher", "manifest", "--output-path", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DOTNET_ENVIRONMENT"] = "Production", ["ASPIRE_VERSION_CHECK_DISABLED"] = "true" },
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await stdout}{await stderr}");

        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
        var resources = manifest.RootElement.GetProperty("resources").EnumerateObject()
            .ToDictionary(resource => resource.Name, resource => resource.Value.GetProperty("type").GetString());

        foreach (var project in (string[])["api", "worker", "deliveryworker", "web", "migrations", "seed"])
        {
            Assert.Equal("project.v0", resources.GetValueOrDefault(project));
        }

        Assert.Equal("container.v0", resources.GetValueOrDefault("postgres"));
        Assert.Equal("value.v0", resources.GetValueOrDefault("deliverydb"));
        Assert.Equal("container.v0", resources.GetValueOrDefault("cache"));
        Assert.Equal("container.v0", resources.GetValueOrDefault("clamav"));
        Assert.Equal("parameter.v0", resources.GetValueOrDefault("blobs"));
        Assert.Equal("parameter.v0", resources.GetValueOrDefault("smtp"));
        Assert.DoesNotContain("executable.v0", resources.Values);
    }
}
