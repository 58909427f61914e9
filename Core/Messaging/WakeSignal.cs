namespace DigitalDelivery.Core.Messaging;

/// <summary>
/// An auto-reset event for async code: Set wakes the current or next waiter. The engine's rule is "reset, then
/// look": every Set happens after the thing it announces is visible, so a Set swallowed by a Reset is one the
/// following look already covers.
/// </summary>
internal sealed class WakeSignal
{
    private TaskCompletionSource _source = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsSet => Volatile.Read(ref _source).Task.IsCompleted;

    public void Set() => Volatile.Read(ref _source).TrySetResult();

    public void Reset()
    {
        var current = Volatile.Read(ref _source);
        if (current.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _source, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) => Volatile.Read(ref _source).Task.WaitAsync(cancellationToken);
}
