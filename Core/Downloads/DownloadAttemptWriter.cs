using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.Core.Downloads;

/// <summary>
/// Empties <see cref="DownloadAttemptLog"/> into the database, up to <see cref="DownloadOptions.AttemptBatchSize"/>
/// rows per statement. On shutdown (after the web server has finished its requests: hosted services stop in reverse
/// order and the server is registered last) it closes the log and writes everything still queued. A failed write is
/// retried with a growing pause; the rows stay in memory meanwhile.
/// </summary>
public sealed partial class DownloadAttemptWriter(
    DownloadAttemptLog log, DownloadAttemptStore store, IOptions<DownloadOptions> options, TimeProvider time, ILogger<DownloadAttemptWriter> logger)
    : BackgroundService
{
    private const int MaxTries = 20;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        log.Complete();
        // Let the loop drain what is queued; the host's shutdown timeout bounds how long that may take.
        var loop = ExecuteTask;
        if (loop is not null)
        {
            await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<DownloadAttempt>(options.Value.AttemptBatchSize);
        // Not stoppingToken: stopping completes the log, and the loop ends once it has written what was queued.
        while (await log.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (batch.Count < options.Value.AttemptBatchSize && log.Reader.TryRead(out var attempt))
            {
                batch.Add(attempt);
            }

            await WriteAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
    }

    private async Task WriteAsync(List<DownloadAttempt> batch)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.InsertAsync(batch, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (attempt >= MaxTries)
            {
                // Give up rather than stop the host (a BackgroundService's exception would): the log is an audit aid.
                LogBatchLost(logger, ex, batch.Count, attempt);
                return;
            }
            catch (Exception ex)
            {
                LogWriteFailed(logger, ex, batch.Count, attempt);
                await Task.Delay(delay, time).ConfigureAwait(false);
                delay = delay * 2 > MaxRetryDelay ? MaxRetryDelay : delay * 2;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up writing {Count} download attempts after {Attempt} tries.")]
    private static partial void LogBatchLost(ILogger logger, Exception exception, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} download attempts failed (try {Attempt}); retrying.")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count, int attempt);
}
