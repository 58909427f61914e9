using DigitalDelivery.Core.Messaging.Contracts;
using DigitalDelivery.Core.Messaging.Handling;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalDelivery.Core.Messaging.Consuming;

/// <summary>
/// Handler first, then a batched completion: a crash in between delivers the message again. The message keeps its
/// slot until the batch is flushed, so a consumer never holds more unfinished messages than its concurrency.
/// </summary>
internal sealed class AtLeastOnceInvoker<TMessage, THandler>(MessageType<TMessage> type)
    : HandlerInvoker(type.Queue, type.Name)
    where TMessage : class
    where THandler : IMessageHandler<TMessage>
{
    public override bool IsTransactional => false;

    public override async ValueTask<HandlerOutcome> InvokeAsync(InFlightMessage inFlight, MessageContext context, MessagingRuntime runtime)
    {
        var payload = type.Deserialize(inFlight.Message.Payload);
        await using (var scope = runtime.Scopes.CreateAsyncScope())
        {
            var handler = scope.ServiceProvider.GetRequiredService<THandler>();
            await handler.HandleAsync(payload, context, inFlight.Cancellation);
        }

        runtime.Completions.Complete(inFlight);
        return HandlerOutcome.CompletionPending;
    }
}
