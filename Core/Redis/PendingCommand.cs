namespace DigitalDelivery.Core.Redis;

/// <summary>An encoded request and the promise of its reply. Continuations run asynchronously so a slow caller never stalls the reader loop.</summary>
internal sealed class PendingCommand(ReadOnlyMemory<byte> request) : TaskCompletionSource<RedisValue>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public ReadOnlyMemory<byte> Request { get; } = request;

    /// <summary>The caller stopped waiting: a later failure is still observed, so it is not reported as unobserved.</summary>
    public void Abandon() => Task.ContinueWith(
        static task => _ = task.Exception,
        CancellationToken.None,
        TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
        TaskScheduler.Default);
}
