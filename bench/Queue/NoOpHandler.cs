using DigitalDelivery.Core.Messaging.Handling;

namespace DigitalDelivery.Bench.Queue;

internal sealed class NoOpHandler(BenchProbe probe) : IMessageHandler<BenchMessage>
{
    public Task HandleAsync(BenchMessage message, MessageContext context, CancellationToken cancellationToken)
    {
        probe.Handled(message.SentTimestamp);
        return Task.CompletedTask;
    }
}
