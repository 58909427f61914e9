using DigitalDelivery.Core.Blobs;
using DigitalDelivery.LocalServers;
using DigitalDelivery.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Tests.Blobs;

public sealed class BlobHealthTests(LocalInfrastructure infrastructure)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_health_check_is_healthy_against_Azurite()
    {
        using var host = BuildHost(infrastructure.Azurite.ConnectionString);

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == "blobs", Cancel);

        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public async Task The_health_check_is_unhealthy_against_a_port_nobody_listens_on()
    {
        var port = FreePort.Next();
        using var host = BuildHost(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteServer.AccountKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;");

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == "blobs", Cancel);

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.IsType<BlobStorageException>(report.Entries["blobs"].Exception);
        Assert.InRange(report.TotalDuration, TimeSpan.Zero, TimeSpan.FromSeconds(6));
    }

    [Fact]
    public void AddBlobStorage_registers_one_store_for_the_named_connection_string()
    {
        using var host = BuildHost(infrastructure.Azurite.ConnectionString);

        var store = host.Services.GetRequiredService<BlobStore>();

        Assert.Same(store, host.Services.GetRequiredService<BlobStore>());
        Assert.Equal(infrastructure.Azurite.BlobEndpoint, store.Settings.BlobEndpoint);
        Assert.True(store.CanCreateSasUris);
    }

    private static IHost BuildHost(string connectionString)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:blobs"] = connectionString });
        builder.Services.AddLogging();
        builder.AddBlobStorage("blobs", options => options.BlockSize = 4 * 1024 * 1024);
        return builder.Build();
    }
}
