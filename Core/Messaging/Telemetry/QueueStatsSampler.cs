using Npgsql;

namespace DigitalDelivery.Core.Messaging.Telemetry;

/// <summary>
/// Counts the queues this process consumes, for the gauges and the health check. Sampled every
/// <see cref="MessagingOptions.StatsInterval"/> by the messaging host instead of on every metrics collection or
/// probe, so scrapes never query the database. The count scans the queue's unfinished rows: cheap while the queue
/// is healthy, and a sample every few seconds even when it is not.
/// </summary>
internal sealed class QueueStatsSampler(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Sql = """
        SELECT q.queue,
               coalesce(m.ready, 0), coalesce(m.scheduled, 0), coalesce(m.in_flight, 0), m.oldest_ready,
               (SELECT count(*) FROM messaging_dead_letters d WHERE d.queue = q.queue)
        FROM unnest($1::text[]) AS q(queue)
        LEFT JOIN LATERAL (
            SELECT count(*) FILTER (WHERE lock_token IS NULL AND run_at <= $2) AS ready,
                   count(*) FILTER (WHERE lock_token IS NULL AND run_at > $2) AS scheduled,
                   count(*) FILTER (WHERE lock_token IS NOT NULL) AS in_flight,
                   min(run_at) FILTER (WHERE lock_token IS NULL AND run_at <= $2) AS oldest_ready
            FROM messaging_messages WHERE queue = q.queue
        ) AS m ON true
        """;

    private volatile IReadOnlyDictionary<string, QueueStats> _latest = new Dictionary<string, QueueStats>();

    public IReadOnlyDictionary<string, QueueStats> Latest => _latest;

    public async Task<IReadOnlyDictionary<string, QueueStats>> SampleAsync(IReadOnlyCollection<string> queues, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. queues] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var stats = new Dictionary<string, QueueStats>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var queue = reader.GetString(0);
            var oldest = reader.IsDBNull(4) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(4);
            var age = oldest is null ? TimeSpan.Zero : now - oldest.Value;
            stats[queue] = new QueueStats(queue, reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(5),
                age < TimeSpan.Zero ? TimeSpan.Zero : age, now);
        }

        _latest = stats;
        return stats;
    }
}
