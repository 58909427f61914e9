using DigitalDelivery.Core.Messaging.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DigitalDelivery.Core.Messaging.Consuming;

/// <summary>What every queue consumer of a process shares.</summary>
internal sealed class MessagingRuntime(
    MessagingBuilder configuration,
    MessageStore store,
    CompletionBatcher completions,
    WakeUpListener listener,
    MessagingTelemetry telemetry,
    TimeProvider time,
    IServiceScopeFactory scopes,
    ILoggerFactory loggers)
{
    public MessagingBuilder Configuration { get; } = configuration;
    public MessageStore Store { get; } = store;
    public CompletionBatcher Completions { get; } = completions;
    public WakeUpListener Listener { get; } = listener;
    public MessagingTelemetry Telemetry { get; } = telemetry;
    public TimeProvider Time { get; } = time;
    public IServiceScopeFactory Scopes { get; } = scopes;
    public ILoggerFactory Loggers { get; } = loggers;
}
