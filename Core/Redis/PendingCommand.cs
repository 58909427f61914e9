namespace DigitalDelivery.Core.Redis;

/// <summary>An encoded request and the promise of its reply. Continuations run asynchronously so a slow caller never stalls the reader loop.</summary>
internal sealed class PendingCommand(ReadOnlyMemory<byte> request) : TaskCompletionSource<RedisValue>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public ReadOnlyMemory<byte> Request { get; } = request;
}
