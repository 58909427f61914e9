using System.Diagnostics;
using DigitalDelivery.Core.Messaging.Contracts;
using DigitalDelivery.Core.Messaging.Handling;
using DigitalDelivery.Core.Messaging.Telemetry;
using Npgsql;
using NpgsqlTypes;

namespace DigitalDelivery.Core.Messaging.Sending;

/// <summary>
/// Inserts messages on a connection (and transaction) the caller owns: one INSERT ... VALUES for a single message,
/// one INSERT ... SELECT FROM unnest(arrays) for many. ON CONFLICT DO NOTHING makes a pending dedupe key or id a no-op.
/// </summary>
internal sealed class MessageWriter(MessageTypeRegistry types, MessagingTelemetry telemetry, TimeProvider time)
{
    private const string Columns =
        "id, queue, message_type, payload, priority, run_at, enqueued_at, dedupe_key, correlation_id, causation_id, traceparent, tracestate";

    private const string InsertOneSql =
        $"INSERT INTO messaging_messages ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING";

    private const string InsertManySql = $"""
        INSERT INTO messaging_messages ({Columns})
        SELECT m.id, $2, $3, m.payload, m.priority, m.run_at, $7, m.dedupe_key, m.correlation_id, $10, $11, $12
        FROM unnest($1::uuid[], $4::jsonb[], $5::smallint[], $6::timestamptz[], $8::text[], $9::uuid[])
            AS m(id, payload, priority, run_at, dedupe_key, correlation_id)
        ON CONFLICT DO NOTHING
        """;

    public string QueueOf<TMessage>() where TMessage : class => types.Get<TMessage>().Queue;

    public async Task<int> InsertAsync<TMessage>(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IEnumerable<TMessage> messages,
        Func<TMessage, EnqueueOptions?>? optionsFor, CancellationToken cancellationToken)
        where TMessage : class
    {
        var type = types.Get<TMessage>();
        var list = messages as IReadOnlyList<TMessage> ?? [.. messages];
        if (list.Count == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var cause = MessageContext.Current;
        using var activity = MessagingTelemetry.StartSend(type.Queue, type.Name, list.Count);
        var trace = activity ?? Activity.Current;
        var traceParent = trace?.IdFormat == ActivityIdFormat.W3C ? trace.Id : null;
        var traceState = traceParent is null ? null : trace!.TraceStateString;

        var ids = new Guid[list.Count];
        var payloads = new string[list.Count];
        var priorities = new short[list.Count];
        var runAts = new DateTimeOffset[list.Count];
        var dedupeKeys = new string?[list.Count];
        var correlationIds = new Guid[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            var message = list[i];
            ArgumentNullException.ThrowIfNull(message);
            var options = optionsFor?.Invoke(message);
            options?.Validate();
            ids[i] = options?.MessageId ?? Guid.CreateVersion7(now);
            payloads[i] = type.Serialize(message);
            priorities[i] = (short)(options?.Priority ?? 0);
            var notBefore = options?.NotBefore?.ToUniversalTime();
            runAts[i] = notBefore > now ? notBefore.Value : now;
            dedupeKeys[i] = options?.DedupeKey;
            correlationIds[i] = options?.CorrelationId ?? cause?.CorrelationId ?? ids[i];
        }

        await using var command = new NpgsqlCommand(list.Count == 1 ? InsertOneSql : InsertManySql, connection, transaction);
        if (list.Count == 1)
        {
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = ids[0] });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = type.Queue });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = type.Name });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payloads[0], NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = priorities[0] });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = runAts[0] });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            command.Parameters.Add(Nullable(dedupeKeys[0], NpgsqlDbType.Text));
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = correlationIds[0] });
        }
        else
        {
            command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = type.Queue });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = type.Name });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = priorities });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = runAts });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = dedupeKeys });
            command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = correlationIds });
        }

        command.Parameters.Add(Nullable(cause?.MessageId, NpgsqlDbType.Uuid));
        command.Parameters.Add(Nullable(traceParent, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(traceState, NpgsqlDbType.Text));
        await command.PrepareAsync(cancellationToken);
        var inserted = await command.ExecuteNonQueryAsync(cancellationToken);
        telemetry.Enqueued(type.Queue, type.Name, inserted);
        return inserted;
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) =>
        new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
