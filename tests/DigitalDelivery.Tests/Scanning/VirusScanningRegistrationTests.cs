using DigitalDelivery.Core.Scanning;
using DigitalDelivery.LocalServers;
using DigitalDelivery.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Tests.Scanning;

public sealed class VirusScanningRegistrationTests(LocalInfrastructure infrastructure)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_clamav_health_check_is_healthy_when_clamd_answers_ping()
    {
        using var host = BuildHost(infrastructure.ClamAv.ConnectionString);

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Cancellation);

        Assert.Equal(HealthStatus.Healthy, report.Entries[VirusScanningExtensions.HealthCheckName].Status);
    }

    [Fact]
    public async Task The_clamav_health_check_is_unhealthy_when_nobody_listens()
    {
        using var host = BuildHost($"tcp://127.0.0.1:{FreePort.Next()}");

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Cancellation);

        var entry = report.Entries[VirusScanningExtensions.HealthCheckName];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.IsType<ClamAvUnavailableException>(entry.Exception);
        Assert.Contains("ready", entry.Tags);
    }

    [Fact]
    public async Task The_registered_client_uses_the_connection_string_and_the_ClamAv_section()
    {
        using var host = BuildHost(infrastructure.ClamAv.ConnectionString, ("ClamAv:ScanTimeout", "00:02:00"), ("ClamAv:ChunkSize", "32768"));
        var client = host.Services.GetRequiredService<ClamAvClient>();

        Assert.Equal(infrastructure.ClamAv.Port, client.Settings.Port);
        Assert.Equal(TimeSpan.FromMinutes(2), client.Settings.ScanTimeout);
        Assert.Equal(32768, client.Settings.ChunkSize);
        using var eicar = new MemoryStream(EicarTestFile.Bytes());
        Assert.Equal(new ScanResult.Infected(ClamAvServer.EicarSignature), await client.ScanAsync(eicar, Cancellation));
    }

    [Fact]
    public void A_missing_connection_string_fails_at_startup_naming_the_setting()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddVirusScanning());

        Assert.Contains("ConnectionStrings:clamav", error.Message, StringComparison.Ordinal);
    }

    private static IHost BuildHost(string connectionString, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(
            [new("ConnectionStrings:clamav", connectionString), .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))]);
        builder.AddVirusScanning();
        return builder.Build();
    }
}
