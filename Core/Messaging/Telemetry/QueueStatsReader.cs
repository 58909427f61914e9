using Npgsql;

namespace DigitalDelivery.Core.Messaging.Telemetry;

/// <summary>
/// Counts the messages of the given queues now, in one query: the sampler's readings for the gauges and the health
/// check, and the operators' queue status (any queue, consumed by this process or not). The count scans each queue's
/// unfinished rows: cheap while the queue is healthy.
/// </summary>
public sealed class QueueStatsReader
{
    private const string Sql = """
        SELECT q.queue,
               coalesce(m.ready, 0), coalesce(m.scheduled, 0), coalesce(m.in_flight, 0), m.oldest_ready,
               (SELECT count(*) FROM messaging_dead_letters d WHERE d.queue = q.queue)
        FROM unnest($1::text[]) WITH ORDINALITY AS q(queue, ordinality)
        LEFT JOIN LATERAL (
            SELECT count(*) FILTER (WHERE lock_token IS NULL AND run_at <= $2) AS ready,
                   count(*) FILTER (WHERE lock_token IS NULL AND run_at > $2) AS scheduled,
                   count(*) FILTER (WHERE lock_token IS NOT NULL) AS in_flight,
                   min(run_at) FILTER (WHERE lock_token IS NULL AND run_at <= $2) AS oldest_ready
            FROM messaging_messages WHERE queue = q.queue
        ) AS m ON true
        ORDER BY q.ordinality
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;

    internal QueueStatsReader(NpgsqlDataSource dataSource, TimeProvider time)
    {
        _dataSource = dataSource;
        _time = time;
    }

    /// <returns>One entry per queue, in the order given (a queue without messages counts zeros).</returns>
    public async Task<IReadOnlyList<QueueStats>> ReadAsync(IReadOnlyCollection<string> queues, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        await using var command = _dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. queues] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var stats = new List<QueueStats>(queues.Count);
        while (await reader.ReadAsync(cancellationToken))
        {
            var oldest = reader.IsDBNull(4) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(4);
            var age = oldest is null ? TimeSpan.Zero : now - oldest.Value;
            stats.Add(new QueueStats(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(5),
                age < TimeSpan.Zero ? TimeSpan.Zero : age, oldest, now));
        }

        return stats;
    }
}
