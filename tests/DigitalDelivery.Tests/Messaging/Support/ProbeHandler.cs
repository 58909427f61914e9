using System.Diagnostics;
using DigitalDelivery.Core.Messaging.Handling;

namespace DigitalDelivery.Tests.Messaging.Support;

/// <summary>An at-least-once handler that does what the probe says and records the call.</summary>
public sealed class ProbeHandler(HandlerProbe probe, TimeProvider time) : IMessageHandler<TestMessage>
{
    public async Task HandleAsync(TestMessage message, MessageContext context, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        if (probe.OnHandle is { } onHandle)
        {
            await onHandle(message, context, cancellationToken);
        }

        probe.Calls.Enqueue(new HandlerProbe.Handled(message, context, at, Activity.Current?.Context));
    }
}
