using System.Text.Json;
using DigitalDelivery.Core.Messaging.DeadLetters;
using Npgsql;
using NpgsqlTypes;

namespace DigitalDelivery.Core.Messaging.Consuming;

/// <summary>
/// Every statement consumers run on messaging_messages, on the bookkeeping connections (<see cref="MessagingDataSource"/>:
/// asynchronous commit). Each is one autocommit statement (no transaction is ever
/// held across a handler), uses positional parameters and is prepared once per physical connection. Changes to a
/// claimed message require its lock token, so a consumer whose lease was taken over can no longer touch it.
/// </summary>
internal sealed class MessageStore(NpgsqlDataSource dataSource)
{
    private const string ClaimSql = """
        UPDATE messaging_messages AS m
        SET lock_token = $3, locked_until = $4, attempts = m.attempts + 1
        FROM (
            SELECT id FROM messaging_messages
            WHERE queue = $1 AND lock_token IS NULL AND run_at <= $5
            ORDER BY priority DESC, run_at, id
            LIMIT $2
            FOR UPDATE SKIP LOCKED
        ) AS ready
        WHERE m.id = ready.id
        RETURNING m.id, m.message_type, m.payload::text, m.priority, m.run_at, m.enqueued_at, m.attempts,
                  m.dedupe_key, m.correlation_id, m.causation_id, m.traceparent, m.tracestate
        """;

    private const string CompleteManySql = """
        DELETE FROM messaging_messages AS m
        USING unnest($1::uuid[], $2::uuid[]) AS done(id, lock_token)
        WHERE m.id = done.id AND m.lock_token = done.lock_token
        RETURNING m.id
        """;

    private const string CompleteOneSql = "DELETE FROM messaging_messages WHERE id = $1 AND lock_token = $2";

    private const string RetrySql = """
        UPDATE messaging_messages
        SET lock_token = NULL, locked_until = NULL, run_at = $3,
            errors = coalesce(errors, '[]'::jsonb) || jsonb_build_array($4::jsonb)
        WHERE id = $1 AND lock_token = $2
        """;

    private const string DeadLetterSql = """
        WITH dead AS (
            DELETE FROM messaging_messages WHERE id = $1 AND lock_token = $2
            RETURNING id, queue, message_type, payload, priority, enqueued_at, attempts, dedupe_key,
                      correlation_id, causation_id, traceparent, tracestate, errors
        )
        INSERT INTO messaging_dead_letters (id, queue, message_type, payload, priority, enqueued_at, attempts,
            dedupe_key, correlation_id, causation_id, traceparent, tracestate, errors, last_error, dead_lettered_at)
        SELECT id, queue, message_type, payload, priority, enqueued_at, attempts, dedupe_key, correlation_id,
               causation_id, traceparent, tracestate,
               CASE WHEN $3::jsonb IS NULL THEN coalesce(errors, '[]'::jsonb)
                    ELSE coalesce(errors, '[]'::jsonb) || jsonb_build_array($3::jsonb) END,
               coalesce($4, errors -> -1 ->> 'error', 'unknown'), $5
        FROM dead
        ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload, attempts = EXCLUDED.attempts,
            errors = EXCLUDED.errors, last_error = EXCLUDED.last_error, dead_lettered_at = EXCLUDED.dead_lettered_at
        """;

    // Shutdown gives messages back untouched: an interrupted attempt is not the handler's failure.
    private const string ReleaseSql = """
        UPDATE messaging_messages AS m
        SET lock_token = NULL, locked_until = NULL, attempts = greatest(m.attempts - 1, 0)
        FROM unnest($1::uuid[], $2::uuid[]) AS r(id, lock_token)
        WHERE m.id = r.id AND m.lock_token = r.lock_token
        """;

    private const string RenewSql = """
        UPDATE messaging_messages AS m
        SET locked_until = $3
        FROM unnest($1::uuid[], $2::uuid[]) AS r(id, lock_token)
        WHERE m.id = r.id AND m.lock_token = r.lock_token
        RETURNING m.id
        """;

    // Rows locked by a transactional handler (it deleted the row and has not committed) are skipped: the row lock
    // is their lease.
    private const string SweepSql = """
        UPDATE messaging_messages AS m
        SET lock_token = NULL, locked_until = NULL,
            errors = coalesce(m.errors, '[]'::jsonb) || jsonb_build_array(jsonb_build_object(
                'attempt', m.attempts, 'startedAt', NULL, 'failedAt', $3::text,
                'error', 'The lease expired before the handler finished: its consumer stopped, crashed or lost the database.'))
        FROM (
            SELECT id FROM messaging_messages
            WHERE queue = $1 AND lock_token IS NOT NULL AND locked_until < $2
            ORDER BY locked_until
            LIMIT 1000
            FOR UPDATE SKIP LOCKED
        ) AS expired
        WHERE m.id = expired.id
        """;

    public async Task<List<ClaimedMessage>> ClaimAsync(
        string queue, int count, Guid lockToken, DateTimeOffset now, DateTimeOffset lockedUntil, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(ClaimSql, connection)
        {
            Parameters =
            {
                new NpgsqlParameter<string> { TypedValue = queue },
                new NpgsqlParameter<int> { TypedValue = count },
                new NpgsqlParameter<Guid> { TypedValue = lockToken },
                new NpgsqlParameter<DateTimeOffset> { TypedValue = lockedUntil },
                new NpgsqlParameter<DateTimeOffset> { TypedValue = now },
            },
        };
        await command.PrepareAsync(cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<ClaimedMessage>(count);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedMessage(
                Id: reader.GetGuid(0),
                Queue: queue,
                MessageType: reader.GetString(1),
                Payload: reader.GetString(2),
                Priority: reader.GetInt16(3),
                RunAt: reader.GetFieldValue<DateTimeOffset>(4),
                EnqueuedAt: reader.GetFieldValue<DateTimeOffset>(5),
                Attempt: reader.GetInt32(6),
                LockToken: lockToken,
                DedupeKey: reader.IsDBNull(7) ? null : reader.GetString(7),
                CorrelationId: reader.GetGuid(8),
                CausationId: reader.IsDBNull(9) ? null : reader.GetGuid(9),
                TraceParent: reader.IsDBNull(10) ? null : reader.GetString(10),
                TraceState: reader.IsDBNull(11) ? null : reader.GetString(11)));
        }

        return claimed;
    }

    /// <summary>Deletes many completed messages in one statement; returns those whose lease was still ours.</summary>
    public async Task<HashSet<Guid>> CompleteManyAsync(Guid[] ids, Guid[] lockTokens, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(CompleteManySql, connection)
        {
            Parameters =
            {
                new NpgsqlParameter<Guid[]> { TypedValue = ids },
                new NpgsqlParameter<Guid[]> { TypedValue = lockTokens },
            },
        };
        await command.PrepareAsync(cancellationToken);
        return await ReadIdsAsync(command, ids.Length, cancellationToken);
    }

    /// <summary>
    /// Completes a message inside the caller's transaction, first thing: the row stays locked until that transaction
    /// ends, so nobody else can take the message meanwhile, and a rollback restores it.
    /// </summary>
    public static async Task<bool> CompleteInTransactionAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, Guid lockToken, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(CompleteOneSql, connection, transaction)
        {
            Parameters =
            {
                new NpgsqlParameter<Guid> { TypedValue = id },
                new NpgsqlParameter<Guid> { TypedValue = lockToken },
            },
        };
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> RetryAsync(ClaimedMessage message, DateTimeOffset runAt, AttemptRecord failure, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(RetrySql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = message.Id });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = message.LockToken });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = runAt });
        command.Parameters.Add(Json(failure));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <param name="failure">The failure to add to the history; null when the history already tells (an expired lease).</param>
    public async Task<bool> DeadLetterAsync(
        ClaimedMessage message, AttemptRecord? failure, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(DeadLetterSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = message.Id });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = message.LockToken });
        command.Parameters.Add(failure is null ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Jsonb } : Json(failure));
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)failure?.Error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task ReleaseAsync(IReadOnlyCollection<ClaimedMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(ReleaseSql);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = messages.Select(m => m.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = messages.Select(m => m.LockToken).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Extends the leases of running messages; returns those still ours.</summary>
    public async Task<HashSet<Guid>> RenewAsync(
        IReadOnlyCollection<ClaimedMessage> messages, DateTimeOffset lockedUntil, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(RenewSql);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = messages.Select(m => m.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = messages.Select(m => m.LockToken).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = lockedUntil });
        return await ReadIdsAsync(command, messages.Count, cancellationToken);
    }

    /// <summary>Makes messages whose lease expired claimable again; returns how many.</summary>
    public async Task<int> SweepAsync(string queue, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SweepSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = queue });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture) });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Json(AttemptRecord record) => new()
    {
        Value = JsonSerializer.Serialize(record, MessagingJsonContext.Default.AttemptRecord),
        NpgsqlDbType = NpgsqlDbType.Jsonb,
    };

    private static async Task<HashSet<Guid>> ReadIdsAsync(NpgsqlCommand command, int capacity, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new HashSet<Guid>(capacity);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
