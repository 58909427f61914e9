namespace DigitalDelivery.Core.Messaging.Consuming;

/// <summary>A claimed message whose handler is running: its lease, its cancellation and its task.</summary>
internal sealed class InFlightMessage : IDisposable
{
    private readonly CancellationTokenSource _cancellation;
    private volatile bool _finished;
    private volatile bool _leaseLost;

    public InFlightMessage(ClaimedMessage message, bool transactional, DateTimeOffset startedAt, CancellationToken abort)
    {
        Message = message;
        Transactional = transactional;
        StartedAt = startedAt;
        LeaseRenewedAt = startedAt;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(abort);
    }

    public ClaimedMessage Message { get; }
    public bool Transactional { get; }
    public DateTimeOffset StartedAt { get; }
    public DateTimeOffset LeaseRenewedAt { get; set; }
    public Task Task { get; set; } = Task.CompletedTask;
    public CancellationToken Cancellation => _cancellation.Token;
    public bool LeaseLost => _leaseLost;

    public bool Finished
    {
        get => _finished;
        set => _finished = value;
    }

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
