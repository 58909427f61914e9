using System.Diagnostics;
using DigitalDelivery.Core.Deliveries;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DigitalDelivery.Bench.Deliveries;

/// <summary>
/// A producer service as the Api and Worker are built for events (AddDeliveryDatabase + AddMerchantEvents), in its
/// own host so wake-ups reach DeliveryWorker through LISTEN/NOTIFY. Each event is published as a producer's change
/// does: a scope, its tenant, MerchantEvents.PublishAsync (one outbox insert and durable commit of its own).
/// </summary>
internal sealed class BenchProducer : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchProducer(IHost host) => _host = host;

    public static async Task<BenchProducer> StartAsync(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration[$"ConnectionStrings:{ConnectionNames.Database}"] = connectionString;
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddDeliveryDatabase();
        builder.AddMerchantEvents();
        var host = builder.Build();
        await host.StartAsync();
        return new BenchProducer(host);
    }

    /// <summary>Publishes event <paramref name="sequence"/> (carried in its data); returns how long the call took.</summary>
    public async Task<TimeSpan> PublishAsync(Guid organizationId, long sequence)
    {
        var started = Stopwatch.GetTimestamp();
        await using var scope = _host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().SetOrganization(organizationId);
        await scope.ServiceProvider.GetRequiredService<MerchantEvents>().PublishAsync(
            organizationId, MerchantEventTypes.OrderPaid, $"bench-{sequence}", new BenchEventData(sequence, "bench order"), CancellationToken.None);
        return Stopwatch.GetElapsedTime(started);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await ((IAsyncDisposable)_host).DisposeAsync();
    }
}
