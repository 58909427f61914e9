using DigitalDelivery.Core.Messaging.Contracts;
using DigitalDelivery.Core.Messaging.Handling;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalDelivery.Core.Messaging.Consuming;

/// <summary>Handler first, then a batched completion: a crash in between delivers the message again.</summary>
internal sealed class AtLeastOnceInvoker<TMessage, THandler>(MessageType<TMessage> type)
    : HandlerInvoker(type.Queue, type.Name)
    where TMessage : class
    where THandler : IMessageHandler<TMessage>
{
    public override bool IsTransactional => false;

    public override async Task<bool> InvokeAsync(
        ClaimedMessage message, MessageContext context, MessagingRuntime runtime, CancellationToken cancellationToken)
    {
        var payload = type.Deserialize(message.Payload);
        await using (var scope = runtime.Scopes.CreateAsyncScope())
        {
            var handler = scope.ServiceProvider.GetRequiredService<THandler>();
            await handler.HandleAsync(payload, context, cancellationToken);
        }

        return await runtime.Completions.CompleteAsync(message);
    }
}
