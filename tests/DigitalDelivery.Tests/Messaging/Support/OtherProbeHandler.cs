using DigitalDelivery.Core.Messaging.Handling;

namespace DigitalDelivery.Tests.Messaging.Support;

/// <summary>Handles the second contract: fails while <see cref="HandlerProbe.OtherFails"/> is set.</summary>
public sealed class OtherProbeHandler(HandlerProbe probe) : IMessageHandler<OtherTestMessage>
{
    public Task HandleAsync(OtherTestMessage message, MessageContext context, CancellationToken cancellationToken)
    {
        if (probe.OtherFails)
        {
            throw new InvalidOperationException($"other message {message.Number} fails");
        }

        probe.OtherCalls.Enqueue(context);
        return Task.CompletedTask;
    }
}
