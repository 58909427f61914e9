using System.Collections.Concurrent;
using DigitalDelivery.Core.Messaging.Handling;

namespace DigitalDelivery.Tests.Messaging.Support;

/// <summary>
/// Shared by a test and the handlers of its hosts: records every handler call and lets the test decide what the
/// handler does (throw, wait on a gate, ...).
/// </summary>
public sealed class HandlerProbe
{
    public ConcurrentQueue<Handled> Calls { get; } = new();

    /// <summary>Runs inside the handler before it records success; throw to fail the attempt.</summary>
    public Func<TestMessage, MessageContext, CancellationToken, Task>? OnHandle { get; set; }

    /// <summary>Successful calls of the handler of <see cref="OtherTestMessage"/>.</summary>
    public ConcurrentQueue<MessageContext> OtherCalls { get; } = new();

    public bool OtherFails { get; set; }

    public int CountOf(int number) => Calls.Count(c => c.Message.Number == number);

    public sealed record Handled(TestMessage Message, MessageContext Context, DateTimeOffset At, System.Diagnostics.ActivityContext? Span);
}
