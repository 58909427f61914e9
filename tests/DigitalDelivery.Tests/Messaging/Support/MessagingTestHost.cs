using DigitalDelivery.Core.Messaging;
using DigitalDelivery.Core.Messaging.Consuming;
using DigitalDelivery.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Tests.Messaging.Support;

/// <summary>
/// A real host with the messaging engine on the test's database, the way Api, Worker and DeliveryWorker wire it
/// (AddDeliveryDatabase + AddMessaging). Several hosts on one database stand for several service instances.
/// </summary>
public sealed class MessagingTestHost : IAsyncDisposable
{
    public const string Queue = "tests";

    private MessagingTestHost(IHost host) => Host = host;

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public static async Task<MessagingTestHost> StartAsync(
        string connectionString,
        HandlerProbe? probe = null,
        Action<MessagingBuilder>? configure = null,
        TimeProvider? time = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = "Testing",
        });
        builder.Configuration[$"ConnectionStrings:{ConnectionNames.Database}"] = connectionString;
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSingleton(probe ?? new HandlerProbe());
        builder.AddDeliveryDatabase();
        builder.AddMessaging(messaging =>
        {
            messaging
                .AddMessage(TestMessagesJson.Default.TestMessage, Queue, "test-message")
                .AddMessage(TestMessagesJson.Default.OtherTestMessage, Queue, "other-test-message");
            configure?.Invoke(messaging);
        });
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new MessagingTestHost(host);
    }

    internal QueueConsumer Consumer(string queue = Queue) =>
        Services.GetRequiredService<MessagingHostedService>().Consumers.Single(c => c.Queue == queue);

    public async Task StopAsync() => await Host.StopAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync(CancellationToken.None);
        await ((IAsyncDisposable)Host).DisposeAsync();
    }
}
