namespace DigitalDelivery.Core.Messaging.Consuming;

/// <summary>How a handler invocation ended when it did not throw.</summary>
internal enum HandlerOutcome
{
    /// <summary>The message is completed (transactional handlers: committed with the handler's changes).</summary>
    Completed,

    /// <summary>Handed to the completion batcher, which finishes the message after its next flush.</summary>
    CompletionPending,

    /// <summary>The lease had been taken over: someone else owns the message now.</summary>
    LeaseLost,
}
