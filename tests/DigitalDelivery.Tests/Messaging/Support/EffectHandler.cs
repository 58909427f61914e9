using DigitalDelivery.Core.Messaging.Handling;
using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Tests.Messaging.Support;

/// <summary>A transactional handler whose effect is a row in test_effects (see <see cref="TestEffects"/>).</summary>
public sealed class EffectHandler(HandlerProbe probe, TimeProvider time) : ITransactionalMessageHandler<TestMessage>
{
    public async Task HandleAsync(TestMessage message, MessageContext context, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO test_effects (message_id, number) VALUES ({context.MessageId}, {message.Number})", cancellationToken);
        if (probe.OnHandle is { } onHandle)
        {
            await onHandle(message, context, cancellationToken);
        }

        probe.Calls.Enqueue(new HandlerProbe.Handled(message, context, at, null));
    }
}
