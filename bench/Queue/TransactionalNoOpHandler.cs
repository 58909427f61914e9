using DigitalDelivery.Core.Messaging.Handling;
using DigitalDelivery.Core.Persistence;

namespace DigitalDelivery.Bench.Queue;

/// <summary>Changes nothing, but still runs the message's completion in its own committed transaction.</summary>
internal sealed class TransactionalNoOpHandler(BenchProbe probe) : ITransactionalMessageHandler<TransactionalBenchMessage>
{
    public Task HandleAsync(TransactionalBenchMessage message, MessageContext context, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        probe.Handled(message.SentTimestamp);
        return Task.CompletedTask;
    }
}
