using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DigitalDelivery.Core.Messaging.Consuming;

/// <summary>
/// Holds one LISTEN connection per process and wakes the consumers of the queue named in each notification.
/// Notifications are hints only: after (re)connecting every consumer is woken, because whatever was announced
/// while nobody listened is still in the table, and consumers poll anyway.
/// </summary>
internal sealed partial class WakeUpListener(NpgsqlDataSource dataSource, ILogger<WakeUpListener> logger)
{
    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, ImmutableArray<WakeSignal>> _subscribers = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first LISTEN is in place.</summary>
    public Task Listening => _listening.Task;

    public void Subscribe(string queue, WakeSignal signal) =>
        _subscribers.AddOrUpdate(queue, [signal], (_, signals) => signals.Add(signal));

    public void Unsubscribe(string queue, WakeSignal signal) =>
        _subscribers.AddOrUpdate(queue, [], (_, signals) => signals.Remove(signal));

    /// <summary>Wakes this process's consumers of the queue (also used by local enqueuers, saving the round trip).</summary>
    public void Wake(string queue)
    {
        if (_subscribers.TryGetValue(queue, out var signals))
        {
            foreach (var signal in signals)
            {
                signal.Set();
            }
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var retryDelay = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                connection.Notification += (_, notification) => Wake(notification.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {MessagingSchema.NotifyChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                _listening.TrySetResult();
                WakeAll();
                retryDelay = TimeSpan.FromSeconds(1);
                while (true)
                {
                    if (!await connection.WaitAsync(IdleCheck, cancellationToken))
                    {
                        // Nothing for a while: make sure the connection is alive rather than silently dead.
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(cancellationToken);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogListenFailed(ex, retryDelay);
                WakeAll();
                try
                {
                    await Task.Delay(retryDelay, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private void WakeAll()
    {
        foreach (var queue in _subscribers.Keys)
        {
            Wake(queue);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for queue notifications failed; consumers poll meanwhile. Retrying in {RetryDelay}.")]
    private partial void LogListenFailed(Exception exception, TimeSpan retryDelay);
}
