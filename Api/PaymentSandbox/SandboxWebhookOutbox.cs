using DigitalDelivery.Core.Payments.Webhooks;
using Npgsql;

namespace DigitalDelivery.Api.PaymentSandbox;

/// <summary>
/// sandbox_webhook_outbox: events are written in the transaction of the payment change they describe, and sent
/// only after it commits. Claiming pushes next_attempt_at one lease ahead, so a sender that dies mid-send leaves
/// the event to be sent again later (at least once; the receiver dedupes by event id).
/// </summary>
internal static class SandboxWebhookOutbox
{
    public static async Task EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PaymentEvent paymentEvent, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO sandbox_webhook_outbox (event_id, event_type, payload, next_attempt_at) VALUES ($1, $2, $3, now())",
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = paymentEvent.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = paymentEvent.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = PaymentEventJson.Serialize(paymentEvent) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<IReadOnlyList<SandboxWebhook>> ClaimDueAsync(NpgsqlDataSource dataSource, int batchSize, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE sandbox_webhook_outbox AS o
            SET attempts = o.attempts + 1, next_attempt_at = now() + $2
            FROM (SELECT event_id FROM sandbox_webhook_outbox
                  WHERE next_attempt_at <= now()
                  ORDER BY next_attempt_at, created_at
                  LIMIT $1
                  FOR UPDATE SKIP LOCKED) AS due
            WHERE o.event_id = due.event_id
            RETURNING o.event_id, o.event_type, o.payload, o.attempts, o.created_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = batchSize });
        command.Parameters.Add(new NpgsqlParameter { Value = lease });
        var claimed = new List<SandboxWebhook>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new SandboxWebhook(reader.GetString(0), reader.GetString(1), (byte[])reader.GetValue(2), reader.GetInt32(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        // RETURNING gives no order; send oldest first so authorized usually arrives before captured.
        claimed.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        return claimed;
    }

    public static async Task DeleteAsync(NpgsqlDataSource dataSource, string eventId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM sandbox_webhook_outbox WHERE event_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = eventId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Schedules the next attempt, or gives up (next_attempt_at NULL) when there is none.</summary>
    public static async Task RescheduleAsync(NpgsqlDataSource dataSource, string eventId, TimeSpan? retryIn, string error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE sandbox_webhook_outbox SET next_attempt_at = now() + $2, last_error = $3 WHERE event_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = eventId });
        command.Parameters.Add(new NpgsqlParameter { Value = retryIn.HasValue ? retryIn.Value : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Interval });
        command.Parameters.Add(new NpgsqlParameter { Value = error });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
