using System.Collections.Concurrent;
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
    private readonly WakeSignal _signal = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lazy<Task> _loop;
    private NpgsqlConnection? _connection;

    public QueueWakeUpNotifier(
        NpgsqlDataSource dataSource, Consuming.WakeUpListener local, MessagingOptions options, ILogger<QueueWakeUpNotifier> logger)
    {
        _dataSource = dataSource;
        _local = local;
        _options = options;
        _logger = logger;
        _loop = new Lazy<Task>(() => Task.Run(RunAsync));
    }

    /// <summary>Announce that messages for the queue are committed and ready (or due soon).</summary>
    public void Signal(string queue)
    {
        _local.Wake(queue);
        _pending.TryAdd(queue, 0);
        _ = _loop.Value;
        _signal.Set();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop.IsValueCreated)
        {
            await _loop.Value;
        }

        // A last notification for whatever is still pending, so a shutting-down producer does not leave
        // consumers waiting for their poll.
        await SendPendingAsync(CancellationToken.None);
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            while (true)
            {
                await _signal.WaitAsync(_stop.Token);
                _signal.Reset();
                await SendPendingAsync(_stop.Token);
                await Task.Delay(_options.NotifyInterval, _stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
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
