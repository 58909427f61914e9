using DigitalDelivery.Core.Messaging.Handling;

namespace DigitalDelivery.Core.Messaging.Consuming;

/// <summary>Runs the registered handler of one message type and completes the message.</summary>
internal abstract class HandlerInvoker(string queue, string messageType)
{
    public string Queue { get; } = queue;
    public string MessageType { get; } = messageType;

    /// <summary>Transactional handlers hold the message's row lock instead of renewing a lease.</summary>
    public abstract bool IsTransactional { get; }

    public abstract ValueTask<HandlerOutcome> InvokeAsync(InFlightMessage inFlight, MessageContext context, MessagingRuntime runtime);
}
