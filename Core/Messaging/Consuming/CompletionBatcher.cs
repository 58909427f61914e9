using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace DigitalDelivery.Core.Messaging.Consuming;

/// <summary>
/// Group commit for completions: handlers hand in (id, lock token) and await their own result, while one loop
/// deletes everything handed in since its previous statement with a single DELETE ... USING unnest(...). Under
/// load one commit completes hundreds of messages; at idle a completion costs one statement, as without batching.
/// </summary>
internal sealed partial class CompletionBatcher : IAsyncDisposable
{
    private readonly MessageStore _store;
    private readonly MessagingOptions _options;
    private readonly ILogger<CompletionBatcher> _logger;
    private readonly Channel<PendingCompletion> _pending =
        Channel.CreateUnbounded<PendingCompletion>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public CompletionBatcher(MessageStore store, MessagingOptions options, ILogger<CompletionBatcher> logger)
    {
        _store = store;
        _options = options;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <returns>True when the message was deleted; false when its lease had already been taken over.</returns>
    public Task<bool> CompleteAsync(ClaimedMessage message)
    {
        var completion = new PendingCompletion(message.Id, message.LockToken);
        if (!_pending.Writer.TryWrite(completion))
        {
            throw new InvalidOperationException("The messaging engine is shutting down.");
        }

        return completion.Result.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingCompletion>(_options.CompletionBatchSize);
        while (await _pending.Reader.WaitToReadAsync())
        {
            while (batch.Count < _options.CompletionBatchSize && _pending.Reader.TryRead(out var completion))
            {
                batch.Add(completion);
            }

            try
            {
                var ids = new Guid[batch.Count];
                var tokens = new Guid[batch.Count];
                for (var i = 0; i < batch.Count; i++)
                {
                    ids[i] = batch[i].Id;
                    tokens[i] = batch[i].LockToken;
                }

                var deleted = await _store.CompleteManyAsync(ids, tokens, CancellationToken.None);
                foreach (var completion in batch)
                {
                    completion.Result.TrySetResult(deleted.Contains(completion.Id));
                }
            }
            catch (Exception ex)
            {
                // The messages stay leased and come back after the lease: at-least-once, as promised.
                LogCompletionFailed(ex, batch.Count);
                foreach (var completion in batch)
                {
                    completion.Result.TrySetException(ex);
                }
            }

            batch.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not complete {Count} messages; they will be delivered again after their lease.")]
    private partial void LogCompletionFailed(Exception exception, int count);

    private sealed class PendingCompletion(Guid id, Guid lockToken)
    {
        public Guid Id { get; } = id;
        public Guid LockToken { get; } = lockToken;
        public TaskCompletionSource<bool> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
