using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DigitalDelivery.Core.Messaging.Sending;

/// <summary>
/// Wakes consumers after messages were committed: this process's at once, other processes' through a NOTIFY sent
/// outside the business transaction, at most once per <see cref="MessagingOptions.NotifyInterval"/> for all queues
/// that got messages meanwhile. Because it is only ever called after the commit, a consumer woken by it always
/// finds the message, and nothing enqueued is left waiting for a poll because a notification was skipped.
/// </summary>
internal sealed partial class QueueWakeUpNotifier : IAsyncDisposable
{
    private const string NotifySql = "SELECT pg_notify($1, queue) FROM unnest($2::text[]) AS queue";

    private readonly NpgsqlDataSource _dataSource;
    private readonly Consuming.WakeUpListener _local;
    private readonly MessagingOptions _options;
    private readonly ILogger<QueueWakeUpNotifier> _logger;
    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private Task _sender = Task.CompletedTask;
    private int _sending;
    private long _nextAllowed;
    private NpgsqlConnection? _connection;

    public QueueWakeUpNotifier(
        NpgsqlDataSource dataSource, Consuming.WakeUpListener local, MessagingOptions options, ILogger<QueueWakeUpNotifier> logger)
    {
        _dataSource = dataSource;
        _local = local;
        _options = options;
        _logger = logger;
    }

    /// <summary>
    /// Announce that messages for the queue are committed and ready (or due soon). When no notification went out
    /// in the last interval, this one starts on the caller's thread at once: at idle a wake-up costs no extra hop.
    /// </summary>
    public void Signal(string queue)
    {
        _local.Wake(queue);
        _pending.TryAdd(queue, 0);
        StartSenderIfIdle();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Task sender;
        lock (_lock)
        {
            sender = _sender;
        }

        await sender;
        // A last notification for whatever is still pending, so a stopping producer does not leave consumers
        // waiting for their poll.
        await SendPendingAsync(CancellationToken.None);
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _stop.Dispose();
    }

    private void StartSenderIfIdle()
    {
        if (_stop.IsCancellationRequested || Interlocked.CompareExchange(ref _sending, 1, 0) != 0)
        {
            return;
        }

        lock (_lock)
        {
            _sender = SendAsync();
        }
    }

    // One sender at a time; it sends what is pending, then keeps the interval, then looks again.
    private async Task SendAsync()
    {
        try
        {
            while (true)
            {
                var wait = Volatile.Read(ref _nextAllowed) - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), _stop.Token);
                }

                await SendPendingAsync(_stop.Token);
                Volatile.Write(ref _nextAllowed, Stopwatch.GetTimestamp() + (long)(_options.NotifyInterval.TotalSeconds * Stopwatch.Frequency));
                Volatile.Write(ref _sending, 0);
                // A Signal between taking the pending queues and clearing the flag left its queue for us.
                if (_pending.IsEmpty || Interlocked.CompareExchange(ref _sending, 1, 0) != 0)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            Volatile.Write(ref _sending, 0);
        }
    }

    private async Task SendPendingAsync(CancellationToken cancellationToken)
    {
        var queues = new List<string>();
        foreach (var queue in _pending.Keys)
        {
            if (_pending.TryRemove(queue, out _))
            {
                queues.Add(queue);
            }
        }

        if (queues.Count == 0)
        {
            return;
        }

        try
        {
            _connection ??= await OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(NotifySql, _connection)
            {
                Parameters =
                {
                    new NpgsqlParameter<string> { TypedValue = MessagingSchema.NotifyChannel },
                    new NpgsqlParameter<string[]> { TypedValue = [.. queues] },
                },
            };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Consumers of other processes will poll; the next notification opens a new connection.
            LogNotifyFailed(ex);
            if (_connection is not null)
            {
                await _connection.DisposeAsync();
                _connection = null;
            }
        }
    }

    // The bookkeeping data source commits asynchronously: a notification lost in a crash costs nothing.
    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not notify consumers of new messages; they will find them by polling.")]
    private partial void LogNotifyFailed(Exception exception);
}
