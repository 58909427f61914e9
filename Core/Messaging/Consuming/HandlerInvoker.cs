using DigitalDelivery.Core.Messaging.Handling;

namespace DigitalDelivery.Core.Messaging.Consuming;

/// <summary>Runs the registered handler of one message type and completes the message.</summary>
internal abstract class HandlerInvoker(string queue, string messageType)
{
    public string Queue { get; } = queue;
    public string MessageType { get; } = messageType;

    /// <summary>Transactional handlers hold the message's row lock instead of renewing a lease.</summary>
    public abstract bool IsTransactional { get; }

    /// <returns>True when the message was completed; false when its lease had been taken over meanwhile.</returns>
    public abstract Task<bool> InvokeAsync(
        ClaimedMessage message, MessageContext context, MessagingRuntime runtime, CancellationToken cancellationToken);
}
