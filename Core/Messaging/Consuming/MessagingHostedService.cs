using DigitalDelivery.Core.Messaging.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DigitalDelivery.Core.Messaging.Consuming;

/// <summary>
/// Starts, in a process that consumes queues, the LISTEN connection, one <see cref="QueueConsumer"/> per consumed
/// queue and the statistics sampler; stops them in reverse, consumers first so in-flight work finishes or is
/// released while completions can still be written.
/// </summary>
internal sealed partial class MessagingHostedService(
    MessagingRuntime runtime, QueueStatsSampler sampler, ILogger<MessagingHostedService> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan ListenTimeout = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<QueueConsumer> _consumers = [];
    private Task _listener = Task.CompletedTask;
    private Task _statistics = Task.CompletedTask;
    private Task? _stopped;
    private int _disposed;

    internal IReadOnlyList<QueueConsumer> Consumers => _consumers;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var queues = runtime.Configuration.ConsumedQueues;
        if (queues.Count == 0)
        {
            return;
        }

        _listener = Task.Run(() => runtime.Listener.RunAsync(_stopping.Token), CancellationToken.None);
        // Listening before the first claim means nothing committed after startup waits for a poll.
        if (await Task.WhenAny(runtime.Listener.Listening, Task.Delay(ListenTimeout, cancellationToken)) != runtime.Listener.Listening)
        {
            LogNotListening(ListenTimeout);
        }

        foreach (var queue in queues)
        {
            var consumer = new QueueConsumer(queue, runtime.Configuration.OptionsFor(queue), runtime);
            _consumers.Add(consumer);
            consumer.Start();
            LogConsuming(queue, runtime.Configuration.OptionsFor(queue).Concurrency);
        }

        _statistics = Task.Run(() => SampleLoopAsync(queues), CancellationToken.None);
    }

    // A host can be stopped twice at once (WebApplicationFactory's disposal and Program's RunAsync both stop it):
    // every caller awaits the one shutdown, and a disposal during it leaves the token sources alone (plain ones hold
    // nothing that needs releasing) rather than pulling them from under it.
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_consumers)
        {
            return _stopped ??= StopOnceAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        // Also resolved through the IHostedService registration, so the container disposes it twice; a disposal
        // during a shutdown leaves the token sources to that shutdown.
        Task? stopped;
        lock (_consumers)
        {
            stopped = _stopped;
        }

        if (stopped is { IsCompleted: false } || Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        foreach (var consumer in _consumers)
        {
            consumer.Dispose();
        }

        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            // Disposed before it was stopped (a container torn down first): Dispose already cancelled the loops.
            return;
        }

        await Task.WhenAll(_consumers.Select(c => c.StopAsync(cancellationToken)));
        await _stopping.CancelAsync();
        await Task.WhenAll(_listener, _statistics);
    }

    private async Task SampleLoopAsync(IReadOnlyCollection<string> queues)
    {
        using var timer = new PeriodicTimer(runtime.Configuration.Options.StatsInterval);
        try
        {
            do
            {
                try
                {
                    await sampler.SampleAsync(queues, _stopping.Token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSampleFailed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(_stopping.Token));
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming queue {Queue} with {Concurrency} handlers at most.")]
    private partial void LogConsuming(string queue, int concurrency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not listening for queue notifications after {Timeout}; consumers start polling and the listener keeps trying.")]
    private partial void LogNotListening(TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not sample queue statistics.")]
    private partial void LogSampleFailed(Exception exception);
}
