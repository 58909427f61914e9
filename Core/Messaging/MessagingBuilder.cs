using System.Text.Json.Serialization.Metadata;
using DigitalDelivery.Core.Messaging.Consuming;
using DigitalDelivery.Core.Messaging.Contracts;
using DigitalDelivery.Core.Messaging.Handling;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalDelivery.Core.Messaging;

/// <summary>
/// Declares, per process, the message contracts it sends or receives, the queues it consumes and their handlers.
/// A process consumes a queue when it registers a handler for a message of that queue; enqueuers only need
/// <see cref="AddMessage{TMessage}"/>. Collected by every call of AddMessaging into one instance.
/// </summary>
public sealed class MessagingBuilder
{
    private static readonly QueueOptions DefaultQueueOptions = new();

    internal MessagingBuilder(IServiceCollection services) => Services = services;

    public IServiceCollection Services { get; }

    public MessagingOptions Options { get; } = new();

    internal MessageTypeRegistry Types { get; } = new();

    internal Dictionary<string, QueueOptions> Queues { get; } = new(StringComparer.Ordinal);

    /// <summary>Handlers of this process by message type name.</summary>
    internal Dictionary<string, HandlerInvoker> Handlers { get; } = new(StringComparer.Ordinal);

    internal IReadOnlyCollection<string> ConsumedQueues => [.. Handlers.Values.Select(h => h.Queue).Distinct(StringComparer.Ordinal)];

    /// <summary>Sets how this process consumes a queue (queues without a call use the defaults).</summary>
    public MessagingBuilder AddQueue(string name, Action<QueueOptions>? configure = null)
    {
        ThrowIfInvalidQueue(name);
        var options = Queues.TryGetValue(name, out var existing) ? existing : Queues[name] = new QueueOptions();
        configure?.Invoke(options);
        options.Validate(name);
        return this;
    }

    /// <summary>
    /// Registers a message contract: a record serialised with the owner's source-generated JSON metadata, sent to
    /// <paramref name="queue"/> under a stable <paramref name="name"/> (the type's name if omitted; renaming the
    /// type would then strand messages already enqueued, so name contracts that will live long).
    /// </summary>
    public MessagingBuilder AddMessage<TMessage>(JsonTypeInfo<TMessage> typeInfo, string queue, string? name = null)
        where TMessage : class
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        ThrowIfInvalidQueue(queue);
        Types.Add(new MessageType<TMessage>(name ?? typeof(TMessage).Name, queue, typeInfo));
        return this;
    }

    /// <summary>Consumes <typeparamref name="TMessage"/> here with a handler for outside effects (at least once).</summary>
    public MessagingBuilder AddHandler<TMessage, THandler>()
        where TMessage : class
        where THandler : class, IMessageHandler<TMessage> =>
        AddInvoker<THandler>(new AtLeastOnceInvoker<TMessage, THandler>(Types.Get<TMessage>()));

    /// <summary>Consumes <typeparamref name="TMessage"/> here with a handler whose database changes commit with the completion (exactly once).</summary>
    public MessagingBuilder AddTransactionalHandler<TMessage, THandler>()
        where TMessage : class
        where THandler : class, ITransactionalMessageHandler<TMessage> =>
        AddInvoker<THandler>(new TransactionalInvoker<TMessage, THandler>(Types.Get<TMessage>()));

    public MessagingBuilder Configure(Action<MessagingOptions> configure)
    {
        configure(Options);
        return this;
    }

    /// <summary>The queue's options, or the defaults; never changes the registrations (it is read at run time).</summary>
    internal QueueOptions OptionsFor(string queue) => Queues.TryGetValue(queue, out var options) ? options : DefaultQueueOptions;

    private MessagingBuilder AddInvoker<THandler>(HandlerInvoker invoker)
        where THandler : class
    {
        if (!Handlers.TryAdd(invoker.MessageType, invoker))
        {
            throw new InvalidOperationException($"Message type '{invoker.MessageType}' already has a handler in this process.");
        }

        Services.AddScoped<THandler>();
        return this;
    }

    private static void ThrowIfInvalidQueue(string name)
    {
        if (!QueueNames.IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not a valid queue name: use 1 to 63 lower-case letters, digits, '-' or '_'.", nameof(name));
        }
    }
}
