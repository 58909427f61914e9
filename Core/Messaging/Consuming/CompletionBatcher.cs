using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace DigitalDelivery.Core.Messaging.Consuming;

/// <summary>
/// Group commit for completions: handlers hand in their finished messages, and one loop deletes everything handed
/// in since its previous statement with a single DELETE ... USING unnest(ids, lock tokens), then tells each
/// message's consumer the outcome. Under load one statement completes hundreds of messages; at idle a completion
/// costs one statement, as it would without batching. The outcome is delivered by a direct call from this loop
/// rather than a continuation per message, which keeps the thread pool out of the per-message path.
/// </summary>
internal sealed partial class CompletionBatcher : IAsyncDisposable
{
    private readonly MessageStore _store;
    private readonly MessagingOptions _options;
    private readonly ILogger<CompletionBatcher> _logger;
    private readonly Channel<InFlightMessage> _pending =
        Channel.CreateUnbounded<InFlightMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public CompletionBatcher(MessageStore store, MessagingOptions options, ILogger<CompletionBatcher> logger)
    {
        _store = store;
        _options = options;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues the message for deletion; its consumer hears back through <see cref="QueueConsumer.Completed"/>.</summary>
    public void Complete(InFlightMessage message)
    {
        if (!_pending.Writer.TryWrite(message))
        {
            throw new InvalidOperationException("The messaging engine is shutting down.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<InFlightMessage>(_options.CompletionBatchSize);
        while (await _pending.Reader.WaitToReadAsync())
        {
            while (batch.Count < _options.CompletionBatchSize && _pending.Reader.TryRead(out var completion))
            {
                batch.Add(completion);
            }

            HashSet<Guid>? deleted = null;
            Exception? failure = null;
            try
            {
                var ids = new Guid[batch.Count];
                var tokens = new Guid[batch.Count];
                for (var i = 0; i < batch.Count; i++)
                {
                    ids[i] = batch[i].Message.Id;
                    tokens[i] = batch[i].Message.LockToken;
                }

                deleted = await _store.CompleteManyAsync(ids, tokens, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // The messages stay leased and come back after the lease: at-least-once, as promised.
                LogCompletionFailed(ex, batch.Count);
                failure = ex;
            }

            foreach (var message in batch)
            {
                message.Owner.Completed(message, failure is null ? deleted!.Contains(message.Message.Id) : null);
            }

            batch.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not complete {Count} messages; they will be delivered again after their lease.")]
    private partial void LogCompletionFailed(Exception exception, int count);
}
