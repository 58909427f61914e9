using System.Text.Json;
using DigitalDelivery.Core.Messaging.Sending;
using Npgsql;
using NpgsqlTypes;

namespace DigitalDelivery.Core.Messaging.DeadLetters;

/// <summary>
/// Lists, inspects, replays and purges dead letters (the admin API will sit on top of this). Replay puts a message
/// back on its queue with the same id (so its idempotency key is unchanged), a fresh attempt budget and its
/// history; a message whose dedupe key is unfinished in the queue again stays a dead letter. Bulk operations work
/// in chunks, so none holds a long transaction.
/// </summary>
public sealed class DeadLetterService
{
    private const int Chunk = 500;

    private const string Filter = """
        ($1::text IS NULL OR queue = $1) AND ($2::text IS NULL OR message_type = $2)
        AND ($3::timestamptz IS NULL OR dead_lettered_at >= $3) AND ($4::timestamptz IS NULL OR dead_lettered_at < $4)
        """;

    private const string ListSql = $"""
        SELECT id, queue, message_type, attempts, last_error, enqueued_at, dead_lettered_at
        FROM messaging_dead_letters
        WHERE {Filter} AND ($5::timestamptz IS NULL OR (dead_lettered_at, id) > ($5, $6))
        ORDER BY dead_lettered_at, id
        LIMIT $7
        """;

    private const string GetSql = """
        SELECT id, queue, message_type, payload::text, priority, attempts, last_error, errors::text, dedupe_key,
               correlation_id, causation_id, traceparent, enqueued_at, dead_lettered_at
        FROM messaging_dead_letters WHERE id = $1
        """;

    // Keyset over the filter so letters that cannot be replayed (dedupe conflict) are passed over, not retried forever.
    private const string ReplaySql = $"""
        WITH picked AS (
            SELECT * FROM messaging_dead_letters
            WHERE {Filter} AND ($5::timestamptz IS NULL OR (dead_lettered_at, id) > ($5, $6))
                AND ($9::uuid IS NULL OR id = $9)
            ORDER BY dead_lettered_at, id
            LIMIT $7
            FOR UPDATE SKIP LOCKED
        ), inserted AS (
            INSERT INTO messaging_messages (id, queue, message_type, payload, priority, run_at, enqueued_at, attempts,
                dedupe_key, correlation_id, causation_id, traceparent, tracestate, errors)
            SELECT id, queue, message_type, payload, priority, $8, enqueued_at, 0, dedupe_key, correlation_id,
                   causation_id, traceparent, tracestate, errors
            FROM picked
            ON CONFLICT DO NOTHING
            RETURNING id, queue
        ), deleted AS (
            DELETE FROM messaging_dead_letters d USING inserted i WHERE d.id = i.id RETURNING i.queue
        ), last AS (
            SELECT dead_lettered_at, id FROM picked ORDER BY dead_lettered_at DESC, id DESC LIMIT 1
        )
        SELECT (SELECT count(*) FROM picked), (SELECT count(*) FROM deleted),
               (SELECT array_agg(DISTINCT queue) FROM deleted), (SELECT dead_lettered_at FROM last), (SELECT id FROM last)
        """;

    private const string PurgeSql = $"""
        DELETE FROM messaging_dead_letters WHERE id IN (
            SELECT id FROM messaging_dead_letters WHERE {Filter} LIMIT $5 FOR UPDATE SKIP LOCKED)
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly QueueWakeUpNotifier _notifier;
    private readonly TimeProvider _time;

    internal DeadLetterService(NpgsqlDataSource dataSource, QueueWakeUpNotifier notifier, TimeProvider time)
    {
        _dataSource = dataSource;
        _notifier = notifier;
        _time = time;
    }

    public async Task<DeadLetterPage> ListAsync(
        DeadLetterFilter filter, int limit = 50, DeadLetterCursor? after = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 500);
        await using var command = _dataSource.CreateCommand(ListSql);
        AddFilter(command, filter);
        AddCursor(command, after);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit + 1 });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<DeadLetterSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new DeadLetterSummary(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                FirstLine(reader.GetString(4)), reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }

        if (items.Count <= limit)
        {
            return new DeadLetterPage(items, null);
        }

        items.RemoveAt(limit);
        return new DeadLetterPage(items, new DeadLetterCursor(items[^1].DeadLetteredAt, items[^1].Id));
    }

    public async Task<DeadLetter?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(GetSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var history = JsonSerializer.Deserialize(reader.GetString(7), MessagingJsonContext.Default.ListAttemptRecord) ?? [];
        return new DeadLetter(
            Id: reader.GetGuid(0),
            Queue: reader.GetString(1),
            MessageType: reader.GetString(2),
            Payload: reader.GetString(3),
            Priority: reader.GetInt16(4),
            Attempts: reader.GetInt32(5),
            LastError: reader.GetString(6),
            History: history,
            DedupeKey: reader.IsDBNull(8) ? null : reader.GetString(8),
            CorrelationId: reader.GetGuid(9),
            CausationId: reader.IsDBNull(10) ? null : reader.GetGuid(10),
            TraceParent: reader.IsDBNull(11) ? null : reader.GetString(11),
            EnqueuedAt: reader.GetFieldValue<DateTimeOffset>(12),
            DeadLetteredAt: reader.GetFieldValue<DateTimeOffset>(13));
    }

    /// <returns>False when there is no such dead letter, or its dedupe key is unfinished in the queue.</returns>
    public async Task<bool> ReplayAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var (_, replayed, _) = await ReplayChunkAsync(DeadLetterFilter.All, null, 1, id, cancellationToken);
        return replayed == 1;
    }

    /// <returns>How many dead letters went back on their queues.</returns>
    public async Task<int> ReplayAsync(DeadLetterFilter filter, CancellationToken cancellationToken = default)
    {
        var total = 0;
        DeadLetterCursor? cursor = null;
        while (true)
        {
            var (picked, replayed, next) = await ReplayChunkAsync(filter, cursor, Chunk, null, cancellationToken);
            total += replayed;
            if (picked < Chunk || next is null)
            {
                return total;
            }

            cursor = next;
        }
    }

    public async Task<bool> PurgeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM messaging_dead_letters WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <returns>How many dead letters were deleted.</returns>
    public async Task<int> PurgeAsync(DeadLetterFilter filter, CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            await using var command = _dataSource.CreateCommand(PurgeSql);
            AddFilter(command, filter);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Chunk * 10 });
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            total += deleted;
            if (deleted < Chunk * 10)
            {
                return total;
            }
        }
    }

    private async Task<(int Picked, int Replayed, DeadLetterCursor? Next)> ReplayChunkAsync(
        DeadLetterFilter filter, DeadLetterCursor? after, int limit, Guid? id, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(ReplaySql);
        AddFilter(command, filter);
        AddCursor(command, after);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = _time.GetUtcNow() });
        command.Parameters.Add(Nullable(id, NpgsqlDbType.Uuid));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var picked = (int)reader.GetInt64(0);
        var replayed = (int)reader.GetInt64(1);
        if (!reader.IsDBNull(2))
        {
            foreach (var queue in reader.GetFieldValue<string[]>(2))
            {
                _notifier.Signal(queue);
            }
        }

        var next = reader.IsDBNull(3) ? null : new DeadLetterCursor(reader.GetFieldValue<DateTimeOffset>(3), reader.GetGuid(4));
        return (picked, replayed, next);
    }

    private static void AddFilter(NpgsqlCommand command, DeadLetterFilter filter)
    {
        command.Parameters.Add(Nullable(filter.Queue, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(filter.MessageType, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(filter.DeadLetteredFrom?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Nullable(filter.DeadLetteredBefore?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
    }

    private static void AddCursor(NpgsqlCommand command, DeadLetterCursor? cursor)
    {
        command.Parameters.Add(Nullable(cursor?.DeadLetteredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Nullable(cursor?.Id, NpgsqlDbType.Uuid));
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    private static string FirstLine(string error)
    {
        var end = error.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? error : error[..end].TrimEnd('\r');
    }
}
