using System.Collections.Concurrent;
using System.Diagnostics;
using DigitalDelivery.Core.Messaging.DeadLetters;
using DigitalDelivery.Core.Messaging.Handling;
using Microsoft.Extensions.Logging;

namespace DigitalDelivery.Core.Messaging.Consuming;

/// <summary>
/// Consumes one queue in this process. A claim loop asks for exactly as many messages as it has free slots, runs
/// each handler on its own task, and claims again at once while claims come back full; otherwise it sleeps until
/// a wake-up (NOTIFY or a local enqueue), a retry falling due, or the poll interval. Beside it, a renew loop
/// extends the leases of long handlers and a sweep loop frees messages whose consumer died.
/// </summary>
internal sealed partial class QueueConsumer : IDisposable
{
    private static readonly Comparison<ClaimedMessage> ClaimOrder = (a, b) =>
        b.Priority != a.Priority ? b.Priority.CompareTo(a.Priority)
        : a.RunAt != b.RunAt ? a.RunAt.CompareTo(b.RunAt)
        : a.Id.CompareTo(b.Id);

    private readonly string _queue;
    private readonly QueueOptions _options;
    private readonly MessagingRuntime _runtime;
    private readonly ILogger _logger;
    private readonly WakeSignal _wake = new();
    private readonly WakeSignal _slotFreed = new();
    private readonly ConcurrentDictionary<Guid, InFlightMessage> _inFlight = new();
    private readonly CancellationTokenSource _stopClaiming = new();
    private readonly CancellationTokenSource _stopBackground = new();
    private readonly CancellationTokenSource _abortHandlers = new();
    private Task _claimLoop = Task.CompletedTask;
    private Task _renewLoop = Task.CompletedTask;
    private Task _sweepLoop = Task.CompletedTask;
    private int _running;
    private long _claims;
    private DateTimeOffset _lastClaimAt;

    public QueueConsumer(string queue, QueueOptions options, MessagingRuntime runtime)
    {
        _queue = queue;
        _options = options;
        _runtime = runtime;
        _logger = runtime.Loggers.CreateLogger<QueueConsumer>();
    }

    public string Queue => _queue;

    /// <summary>Claim statements run so far (tests wait on it to know a poll happened).</summary>
    internal long Claims => Interlocked.Read(ref _claims);

    internal int Running => Volatile.Read(ref _running);

    /// <summary>The clock reading the last finished claim used (tests: "has it looked since time T?").</summary>
    internal DateTimeOffset LastClaimAt
    {
        get
        {
            lock (_inFlight)
            {
                return _lastClaimAt;
            }
        }
    }

    /// <summary>What a NOTIFY for this queue does.</summary>
    internal void Wake() => _wake.Set();

    public void Start()
    {
        _runtime.Listener.Subscribe(_queue, _wake);
        _claimLoop = Task.Run(ClaimLoopAsync);
        _renewLoop = Task.Run(RenewLoopAsync);
        _sweepLoop = Task.Run(SweepLoopAsync);
    }

    /// <summary>
    /// Stops claiming, lets running handlers finish within the grace period, then cancels them; messages whose
    /// handlers did not finish are released for other consumers without counting the attempt.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopClaiming.CancelAsync();
        await _claimLoop;
        _runtime.Listener.Unsubscribe(_queue, _wake);

        if (!await WaitUntilIdleAsync(_options.ShutdownGrace, cancellationToken))
        {
            LogCancellingHandlers(_queue, _inFlight.Count);
            await _abortHandlers.CancelAsync();
            await WaitUntilIdleAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
            var stuck = _inFlight.Values.Where(f => !f.Finished).Select(f => f.Message).ToList();
            await TryAsync(() => _runtime.Store.ReleaseAsync(stuck, CancellationToken.None), "release");
        }

        await _stopBackground.CancelAsync();
        await Task.WhenAll(_renewLoop, _sweepLoop);
    }

    public void Dispose()
    {
        _stopClaiming.Dispose();
        _stopBackground.Dispose();
        _abortHandlers.Dispose();
    }

    private async Task ClaimLoopAsync()
    {
        var stopping = _stopClaiming.Token;
        var expectMore = true;
        var errorDelay = TimeSpan.FromMilliseconds(100);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                if (!expectMore)
                {
                    await WaitForWorkAsync(stopping);
                }

                await WaitForFreeSlotAsync(stopping);
                _wake.Reset();
                var free = _options.Concurrency - Volatile.Read(ref _running);
                List<ClaimedMessage> claimed;
                var now = _runtime.Time.GetUtcNow();
                try
                {
                    // Not cancellable: a claim that committed must be dispatched, not dropped with its leases.
                    claimed = await _runtime.Store.ClaimAsync(
                        _queue, free, Guid.NewGuid(), now, now + _options.LeaseDuration, CancellationToken.None);
                    errorDelay = TimeSpan.FromMilliseconds(100);
                }
                catch (Exception ex)
                {
                    LogClaimFailed(ex, _queue, errorDelay);
                    await Task.Delay(errorDelay, stopping);
                    errorDelay = TimeSpan.FromTicks(Math.Min(errorDelay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
                    continue;
                }

                expectMore = claimed.Count == free;
                if (claimed.Count > 1)
                {
                    // UPDATE ... RETURNING does not keep the subquery's order.
                    claimed.Sort(ClaimOrder);
                }

                foreach (var message in claimed)
                {
                    Dispatch(message);
                }

                Interlocked.Increment(ref _claims);
                lock (_inFlight)
                {
                    _lastClaimAt = now;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task WaitForWorkAsync(CancellationToken stopping)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        await Task.WhenAny(_wake.WaitAsync(waiting.Token), Task.Delay(_options.PollInterval, _runtime.Time, waiting.Token));
        await waiting.CancelAsync();
        stopping.ThrowIfCancellationRequested();
    }

    private async Task WaitForFreeSlotAsync(CancellationToken stopping)
    {
        while (Volatile.Read(ref _running) >= _options.Concurrency)
        {
            _slotFreed.Reset();
            if (Volatile.Read(ref _running) < _options.Concurrency)
            {
                return;
            }

            await _slotFreed.WaitAsync(stopping);
        }
    }

    private void Dispatch(ClaimedMessage message)
    {
        var invoker = _runtime.Configuration.Handlers.GetValueOrDefault(message.MessageType);
        var inFlight = new InFlightMessage(this, message, invoker, _runtime.Time.GetUtcNow(), _abortHandlers.Token);
        Interlocked.Increment(ref _running);
        _inFlight[message.Id] = inFlight;
        ThreadPool.UnsafeQueueUserWorkItem(inFlight, preferLocal: false);
    }

    internal async Task ProcessAsync(InFlightMessage inFlight)
    {
        var message = inFlight.Message;
        var handedOver = false;
        try
        {
            if (message.Attempt > _options.Retry.MaxAttempts)
            {
                // Its last allowed attempt never finished (the lease expired): running it again could crash again.
                await DeadLetterAsync(message, failure: null);
                return;
            }

            _runtime.Telemetry.Started(message, inFlight.StartedAt - message.RunAt);
            using var activity = Telemetry.MessagingTelemetry.StartProcess(message);
            try
            {
                if (inFlight.Invoker is null)
                {
                    throw new InvalidOperationException(
                        $"No handler for message type '{message.MessageType}' is registered in this process for queue '{_queue}'.");
                }

                var context = new MessageContext(message.Id, message.Queue, message.MessageType, message.CorrelationId,
                    message.CausationId, message.Attempt, message.EnqueuedAt, message.DedupeKey, _options.Retry.MaxAttempts);
                MessageContext.Current = context;
                switch (await inFlight.Invoker.InvokeAsync(inFlight, context, _runtime))
                {
                    case HandlerOutcome.CompletionPending:
                        handedOver = true;
                        break;
                    case HandlerOutcome.Completed:
                        _runtime.Telemetry.Processed(message, Stopwatch.GetElapsedTime(inFlight.StartedTimestamp));
                        break;
                    default:
                        LogLeaseLost(_queue, message.Id);
                        break;
                }
            }
            catch (OperationCanceledException) when (inFlight.Cancellation.IsCancellationRequested)
            {
                activity?.SetStatus(ActivityStatusCode.Error, inFlight.LeaseLost ? "lease lost" : "shutdown");
                if (inFlight.LeaseLost)
                {
                    LogLeaseLost(_queue, message.Id);
                }
                else
                {
                    await _runtime.Store.ReleaseAsync([message], CancellationToken.None);
                }
            }
            catch (Exception ex)
            {
                activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
                activity?.AddException(ex);
                _runtime.Telemetry.Failed(message, Stopwatch.GetElapsedTime(inFlight.StartedTimestamp));
                await FailAsync(message, ex, inFlight.StartedAt);
            }
            finally
            {
                MessageContext.Current = null;
            }
        }
        catch (Exception ex)
        {
            // The failure could not be recorded (the database is unreachable): the lease runs out and the message
            // comes back, which is the at-least-once promise.
            LogBookkeepingFailed(ex, _queue, message.Id);
        }
        finally
        {
            if (!handedOver)
            {
                Finish(inFlight);
            }
        }
    }

    /// <summary>Called by the completion batcher after the flush that held this message (null: the flush failed).</summary>
    internal void Completed(InFlightMessage inFlight, bool? deleted)
    {
        if (deleted == true)
        {
            _runtime.Telemetry.Processed(inFlight.Message, Stopwatch.GetElapsedTime(inFlight.StartedTimestamp));
        }
        else if (deleted == false)
        {
            LogLeaseLost(_queue, inFlight.Message.Id);
        }

        Finish(inFlight);
    }

    private void Finish(InFlightMessage inFlight)
    {
        inFlight.Finished = true;
        _inFlight.TryRemove(inFlight.Message.Id, out _);
        inFlight.Dispose();
        Interlocked.Decrement(ref _running);
        _slotFreed.Set();
    }

    private async Task<bool> WaitUntilIdleAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            _slotFreed.Reset();
            if (Volatile.Read(ref _running) == 0)
            {
                return true;
            }

            var left = TimeSpan.FromSeconds((double)(deadline - Stopwatch.GetTimestamp()) / Stopwatch.Frequency);
            if (left <= TimeSpan.Zero || cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            await Task.WhenAny(_slotFreed.WaitAsync(cancellationToken), Task.Delay(left, cancellationToken));
        }
    }

    private async Task FailAsync(ClaimedMessage message, Exception exception, DateTimeOffset startedAt)
    {
        var now = _runtime.Time.GetUtcNow();
        var failure = new AttemptRecord(message.Attempt, startedAt, now, Describe(exception));
        if (message.Attempt >= _options.Retry.MaxAttempts)
        {
            LogFailedFinally(exception, _queue, message.MessageType, message.Id, message.Attempt);
            await DeadLetterAsync(message, failure);
            return;
        }

        var delay = _options.Retry.DelayAfter(message.Attempt, _runtime.Configuration.Options.Jitter());
        LogFailedWillRetry(exception, _queue, message.MessageType, message.Id, message.Attempt, delay);
        if (await _runtime.Store.RetryAsync(message, now + delay, failure, CancellationToken.None) && delay < _options.PollInterval)
        {
            _ = WakeAfterAsync(delay);
        }
    }

    private async Task DeadLetterAsync(ClaimedMessage message, AttemptRecord? failure)
    {
        if (await _runtime.Store.DeadLetterAsync(message, failure, _runtime.Time.GetUtcNow(), CancellationToken.None))
        {
            _runtime.Telemetry.DeadLettered(message);
            LogDeadLettered(_queue, message.MessageType, message.Id, message.Attempt);
        }
    }

    private async Task WakeAfterAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _runtime.Time, _stopClaiming.Token);
            _wake.Set();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RenewLoopAsync()
    {
        var interval = _options.LeaseDuration / 3;
        using var timer = new PeriodicTimer(interval, _runtime.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopBackground.Token))
            {
                var now = _runtime.Time.GetUtcNow();
                var due = _inFlight.Values
                    .Where(f => !f.Transactional && !f.Finished && now - f.LeaseRenewedAt >= interval)
                    .ToList();
                if (due.Count == 0)
                {
                    continue;
                }

                await TryAsync(async () =>
                {
                    var kept = await _runtime.Store.RenewAsync([.. due.Select(f => f.Message)], now + _options.LeaseDuration, _stopBackground.Token);
                    foreach (var inFlight in due)
                    {
                        if (kept.Contains(inFlight.Message.Id))
                        {
                            inFlight.LeaseRenewedAt = now;
                        }
                        else if (!inFlight.Finished)
                        {
                            inFlight.LoseLease();
                        }
                    }
                }, "renew leases");
            }
        }
        catch (OperationCanceledException) when (_stopBackground.IsCancellationRequested)
        {
        }
    }

    private async Task SweepLoopAsync()
    {
        using var timer = new PeriodicTimer(_options.SweepInterval, _runtime.Time);
        try
        {
            do
            {
                await TryAsync(async () =>
                {
                    var freed = await _runtime.Store.SweepAsync(_queue, _runtime.Time.GetUtcNow(), _stopBackground.Token);
                    if (freed > 0)
                    {
                        LogLeasesExpired(_queue, freed);
                        _wake.Set();
                    }
                }, "sweep expired leases");
            }
            while (await timer.WaitForNextTickAsync(_stopBackground.Token));
        }
        catch (OperationCanceledException) when (_stopBackground.IsCancellationRequested)
        {
        }
    }

    private async Task TryAsync(Func<Task> action, string what)
    {
        try
        {
            await action();
        }
        catch (OperationCanceledException) when (_stopBackground.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogBackgroundFailed(ex, _queue, what);
        }
    }

    private static string Describe(Exception exception)
    {
        var text = exception.ToString();
        return text.Length <= MessagingSchema.MaxErrorLength ? text : text[..MessagingSchema.MaxErrorLength];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming from queue {Queue} failed; retrying in {RetryDelay}.")]
    private partial void LogClaimFailed(Exception exception, string queue, TimeSpan retryDelay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} of queue {Queue} was not completed here: its lease had been taken over.")]
    private partial void LogLeaseLost(string queue, Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling {MessageType} {MessageId} of queue {Queue} failed (attempt {Attempt}); retrying in {Delay}.")]
    private partial void LogFailedWillRetry(Exception exception, string queue, string messageType, Guid messageId, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling {MessageType} {MessageId} of queue {Queue} failed on its last attempt ({Attempt}).")]
    private partial void LogFailedFinally(Exception exception, string queue, string messageType, Guid messageId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "{MessageType} {MessageId} of queue {Queue} is now a dead letter after {Attempt} attempts.")]
    private partial void LogDeadLettered(string queue, string messageType, Guid messageId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the outcome of message {MessageId} of queue {Queue}; it will be delivered again after its lease.")]
    private partial void LogBookkeepingFailed(Exception exception, string queue, Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} messages of queue {Queue} had expired leases and are claimable again.")]
    private partial void LogLeasesExpired(string queue, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: could not {What}.")]
    private partial void LogBackgroundFailed(Exception exception, string queue, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: {Count} handlers did not finish within the shutdown grace period and are cancelled.")]
    private partial void LogCancellingHandlers(string queue, int count);
}
