using DigitalDelivery.Core.Messaging;
using DigitalDelivery.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DigitalDelivery.Bench.Queue;

/// <summary>A service instance as Api or Worker would build it: AddDeliveryDatabase + AddMessaging.</summary>
internal static class BenchHost
{
    public const string Queue = "bench";

    public static async Task<IHost> StartAsync(string connectionString, BenchProbe probe, Action<MessagingBuilder>? consume = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration[$"ConnectionStrings:{ConnectionNames.Database}"] = connectionString;
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(probe);
        builder.AddDeliveryDatabase();
        builder.AddMessaging(m =>
        {
            m.AddMessage(BenchMessagesJson.Default.BenchMessage, Queue, "bench")
                .AddMessage(BenchMessagesJson.Default.TransactionalBenchMessage, Queue, "bench-transactional");
            consume?.Invoke(m);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static async Task StopAsync(IHost host)
    {
        await host.StopAsync();
        await ((IAsyncDisposable)host).DisposeAsync();
    }
}
