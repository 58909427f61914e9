using System.Diagnostics;

namespace DigitalDelivery.Core.Messaging.Consuming;

/// <summary>
/// A claimed message whose handler is running (or whose completion awaits the next flush): its lease, its
/// cancellation and its owner. It is also the thread-pool work item that runs the handler, so dispatching a
/// message allocates no closure or Task.
/// </summary>
internal sealed class InFlightMessage : IThreadPoolWorkItem, IDisposable
{
    private readonly CancellationTokenSource _cancellation;
    private volatile bool _finished;
    private volatile bool _leaseLost;

    public InFlightMessage(
        QueueConsumer owner, ClaimedMessage message, HandlerInvoker? invoker, DateTimeOffset startedAt, CancellationToken abort)
    {
        Owner = owner;
        Message = message;
        Invoker = invoker;
        StartedAt = startedAt;
        StartedTimestamp = Stopwatch.GetTimestamp();
        LeaseRenewedAt = startedAt;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(abort);
    }

    public QueueConsumer Owner { get; }
    public ClaimedMessage Message { get; }
    public HandlerInvoker? Invoker { get; }

    /// <summary>Transactional handlers hold the message's row lock instead of renewing a lease.</summary>
    public bool Transactional => Invoker?.IsTransactional ?? false;

    public DateTimeOffset StartedAt { get; }
    public long StartedTimestamp { get; }
    public DateTimeOffset LeaseRenewedAt { get; set; }
    public CancellationToken Cancellation => _cancellation.Token;
    public bool LeaseLost => _leaseLost;

    public bool Finished
    {
        get => _finished;
        set => _finished = value;
    }

    public void Execute() => _ = Owner.ProcessAsync(this);

    /// <summary>Someone else may be handling the message now: stop this handler.</summary>
    public void LoseLease()
    {
        _leaseLost = true;
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Finished meanwhile.
        }
    }

    public void Dispose() => _cancellation.Dispose();
}
