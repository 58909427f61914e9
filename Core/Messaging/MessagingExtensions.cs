using DigitalDelivery.Core.Messaging.Consuming;
using DigitalDelivery.Core.Messaging.DeadLetters;
using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Core.Messaging.Telemetry;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DigitalDelivery.Core.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// Adds the PostgreSQL message queue: <see cref="IMessageOutbox"/> (scoped) for enqueueing,
    /// <see cref="DeadLetterService"/>, <see cref="QueueStatsReader"/>, and consumers for every queue this process registers handlers for.
    /// May be called several times (a feature's contracts, a service's handlers): all calls configure one engine.
    /// Needs AddDeliveryDatabase (the NpgsqlDataSource and DeliveryDbContext).
    /// <code>
    /// builder.AddMessaging(m => m
    ///     .AddQueue(QueueNames.Fulfillment, q => q.Concurrency = 16)
    ///     .AddMessage(OrganizationMessagesJson.Default.OrganizationCreated, QueueNames.Fulfillment, "organization-created")
    ///     .AddTransactionalHandler&lt;OrganizationCreated, OrganizationCreatedHandler&gt;());
    /// </code>
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(this IHostApplicationBuilder builder, Action<MessagingBuilder>? configure = null)
    {
        builder.Services.AddMessaging(configure);
        return builder;
    }

    public static IServiceCollection AddMessaging(this IServiceCollection services, Action<MessagingBuilder>? configure = null)
    {
        var messaging = services.FirstOrDefault(d => d.ServiceType == typeof(MessagingBuilder))?.ImplementationInstance as MessagingBuilder;
        if (messaging is null)
        {
            messaging = new MessagingBuilder(services);
            Register(services, messaging);
        }

        configure?.Invoke(messaging);
        return services;
    }

    private static void Register(IServiceCollection services, MessagingBuilder messaging)
    {
        services.AddSingleton(messaging);
        services.AddSingleton(messaging.Options);
        services.AddSingleton(messaging.Types);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();

        services.AddSingleton<MessagingDataSource>();
        services.AddSingleton(sp => new QueueStatsReader(Bookkeeping(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<QueueStatsSampler>();
        services.AddSingleton<MessagingTelemetry>();
        services.AddSingleton(sp => new MessageStore(Bookkeeping(sp)));
        services.AddSingleton<CompletionBatcher>();
        services.AddSingleton(sp => new WakeUpListener(Bookkeeping(sp), sp.GetRequiredService<ILogger<WakeUpListener>>()));
        services.AddSingleton(sp => new QueueWakeUpNotifier(
            Bookkeeping(sp), sp.GetRequiredService<WakeUpListener>(), messaging.Options, sp.GetRequiredService<ILogger<QueueWakeUpNotifier>>()));
        services.AddSingleton<WakeUpInterceptor>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<WakeUpInterceptor>());
        services.AddSingleton<MessageWriter>();
        services.AddSingleton<MessagingRuntime>();
        services.AddScoped<IMessageOutbox, MessageOutbox>();
        services.AddSingleton(sp => new DeadLetterService(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<QueueWakeUpNotifier>(), sp.GetRequiredService<TimeProvider>()));

        // Registered as a plain singleton so tests can find it; AddHostedService would add a second instance.
        services.AddSingleton<MessagingHostedService>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<MessagingHostedService>());
        services.AddHealthChecks().AddCheck<MessagingHealthCheck>("messaging", tags: ["ready"]);
    }

    private static NpgsqlDataSource Bookkeeping(IServiceProvider services) => services.GetRequiredService<MessagingDataSource>().DataSource;
}
