using System.Text.Json;
using Npgsql;

namespace DigitalDelivery.Api.PaymentSandbox;

/// <summary>
/// The sandbox's idempotency keys (sandbox_idempotency). <see cref="ClaimAsync"/> inserts the key first thing in
/// the request's transaction: a concurrent request with the same key blocks on that row until the first
/// commits, then finds the stored answer; if the first rolls back, the second proceeds as if first.
/// </summary>
internal static class SandboxIdempotency
{
    public static async Task<SandboxIdempotencyClaim> ClaimAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string key, byte[] requestHash, CancellationToken cancellationToken)
    {
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO sandbox_idempotency (key, request_hash) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING", connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = key });
            insert.Parameters.Add(new NpgsqlParameter { Value = requestHash });
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return SandboxIdempotencyClaim.Claimed;
            }
        }

        await using var select = new NpgsqlCommand(
            "SELECT request_hash, response_body FROM sandbox_idempotency WHERE key = $1", connection, transaction);
        select.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            // Expired and cleaned up between the two statements: the caller may simply try again.
            return SandboxIdempotencyClaim.Conflict;
        }

        var storedHash = (byte[])reader.GetValue(0);
        if (!storedHash.AsSpan().SequenceEqual(requestHash) || await reader.IsDBNullAsync(1, cancellationToken))
        {
            return SandboxIdempotencyClaim.Conflict;
        }

        var outcome = JsonSerializer.Deserialize<SandboxOutcome>(reader.GetString(1))!;
        return SandboxIdempotencyClaim.Replay(outcome with { Replayed = true });
    }

    public static async Task CompleteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string key, SandboxOutcome outcome, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand(
            "UPDATE sandbox_idempotency SET response_status = $2, response_body = $3 WHERE key = $1", connection, transaction);
        update.Parameters.Add(new NpgsqlParameter { Value = key });
        update.Parameters.Add(new NpgsqlParameter { Value = outcome.Status });
        update.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(outcome) });
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Idempotency keys are kept 24 hours, like a real processor's.</summary>
    public static async Task<int> ForgetOldIdempotencyKeysAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM sandbox_idempotency WHERE created_at < now() - interval '24 hours'");
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
