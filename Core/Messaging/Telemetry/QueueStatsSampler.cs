namespace DigitalDelivery.Core.Messaging.Telemetry;

/// <summary>
/// Keeps the last reading of the queues this process consumes, for the gauges and the health check. Sampled every
/// <see cref="MessagingOptions.StatsInterval"/> by the messaging host instead of on every metrics collection or
/// probe, so scrapes never query the database.
/// </summary>
internal sealed class QueueStatsSampler(QueueStatsReader reader)
{
    private volatile IReadOnlyDictionary<string, QueueStats> _latest = new Dictionary<string, QueueStats>();

    public IReadOnlyDictionary<string, QueueStats> Latest => _latest;

    public async Task<IReadOnlyDictionary<string, QueueStats>> SampleAsync(IReadOnlyCollection<string> queues, CancellationToken cancellationToken)
    {
        var stats = new Dictionary<string, QueueStats>(StringComparer.Ordinal);
        foreach (var queue in await reader.ReadAsync(queues, cancellationToken))
        {
            stats[queue.Queue] = queue;
        }

        _latest = stats;
        return stats;
    }
}
