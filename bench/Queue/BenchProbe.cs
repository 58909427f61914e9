using System.Diagnostics;

namespace DigitalDelivery.Bench.Queue;

/// <summary>What the handlers report to the benchmark: how many ran and the latency of each probe.</summary>
internal sealed class BenchProbe
{
    private readonly Lock _lock = new();
    private readonly List<double> _latencies = [];
    private readonly List<double> _enqueueDurations = [];
    private long _processed;
    private TaskCompletionSource _probeHandled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Processed => Interlocked.Read(ref _processed);

    public void Handled(long sentTimestamp)
    {
        Interlocked.Increment(ref _processed);
        if (sentTimestamp == 0)
        {
            return;
        }

        var latency = Stopwatch.GetElapsedTime(sentTimestamp).TotalMilliseconds;
        TaskCompletionSource handled;
        lock (_lock)
        {
            _latencies.Add(latency);
            handled = _probeHandled;
            _probeHandled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        handled.TrySetResult();
    }

    public Task NextProbe
    {
        get
        {
            lock (_lock)
            {
                return _probeHandled.Task;
            }
        }
    }

    /// <summary>How long the enqueue call itself took (its durable commit): the part of the latency that is the producer's.</summary>
    public void EnqueueTook(TimeSpan duration)
    {
        lock (_lock)
        {
            _enqueueDurations.Add(duration.TotalMilliseconds);
        }
    }

    public List<double> TakeLatencies()
    {
        lock (_lock)
        {
            var taken = _latencies.ToList();
            _latencies.Clear();
            return taken;
        }
    }

    public List<double> TakeEnqueueDurations()
    {
        lock (_lock)
        {
            var taken = _enqueueDurations.ToList();
            _enqueueDurations.Clear();
            return taken;
        }
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _processed, 0);
        TakeLatencies();
        TakeEnqueueDurations();
    }
}
