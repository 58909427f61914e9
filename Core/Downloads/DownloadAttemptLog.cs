using System.Threading.Channels;

namespace DigitalDelivery.Core.Downloads;

/// <summary>
/// Where the download endpoint drops its attempts: an in-memory queue that <see cref="DownloadAttemptWriter"/> empties
/// in batches, so a request never waits for the log's INSERT. The queue is bounded; if the database falls so far
/// behind that it fills, <see cref="Add"/> waits for room instead of dropping the record.
/// </summary>
public sealed class DownloadAttemptLog
{
    private const int Capacity = 100_000;

    private readonly Channel<DownloadAttempt> _channel = Channel.CreateBounded<DownloadAttempt>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    internal ChannelReader<DownloadAttempt> Reader => _channel.Reader;

    /// <summary>Queues an attempt; false once the log has shut down (the caller then writes it itself).</summary>
    public ValueTask<bool> AddAsync(DownloadAttempt attempt)
    {
        if (_channel.Writer.TryWrite(attempt))
        {
            return ValueTask.FromResult(true);
        }

        return WaitAndAddAsync(attempt);
    }

    internal void Complete() => _channel.Writer.TryComplete();

    private async ValueTask<bool> WaitAndAddAsync(DownloadAttempt attempt)
    {
        while (await _channel.Writer.WaitToWriteAsync().ConfigureAwait(false))
        {
            if (_channel.Writer.TryWrite(attempt))
            {
                return true;
            }
        }

        return false;
    }
}
