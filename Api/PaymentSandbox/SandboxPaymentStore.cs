using DigitalDelivery.Core.Payments;
using DigitalDelivery.Core.Payments.Sandbox;
using Npgsql;

namespace DigitalDelivery.Api.PaymentSandbox;

/// <summary>Plain SQL over sandbox_payments, always inside the caller's transaction.</summary>
internal static class SandboxPaymentStore
{
    private const string Columns = "id, status, amount, currency, captured_amount, refunded_amount, order_reference, card_last4, decline_code";

    public static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SandboxPaymentRow row, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"INSERT INTO sandbox_payments ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)", connection, transaction);
        AddValues(command, row);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Reads and row-locks the payment, so concurrent operations on it take turns.</summary>
    public static Task<SandboxPaymentRow?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string id, CancellationToken cancellationToken) =>
        ReadAsync(connection, transaction, $"SELECT {Columns} FROM sandbox_payments WHERE id = $1 FOR UPDATE", id, cancellationToken);

    public static Task<SandboxPaymentRow?> FindAsync(NpgsqlConnection connection, string id, CancellationToken cancellationToken) =>
        ReadAsync(connection, null, $"SELECT {Columns} FROM sandbox_payments WHERE id = $1", id, cancellationToken);

    public static async Task UpdateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SandboxPaymentRow row, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE sandbox_payments SET status = $2, captured_amount = $3, refunded_amount = $4, updated_at = now() WHERE id = $1",
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = row.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = SandboxWire.ToWire(row.Status) });
        command.Parameters.Add(new NpgsqlParameter { Value = row.CapturedAmount });
        command.Parameters.Add(new NpgsqlParameter { Value = row.RefundedAmount });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddValues(NpgsqlCommand command, SandboxPaymentRow row)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = row.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = SandboxWire.ToWire(row.Status) });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Amount });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Currency });
        command.Parameters.Add(new NpgsqlParameter { Value = row.CapturedAmount });
        command.Parameters.Add(new NpgsqlParameter { Value = row.RefundedAmount });
        command.Parameters.Add(new NpgsqlParameter { Value = row.OrderReference });
        command.Parameters.Add(new NpgsqlParameter { Value = row.CardLast4 });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)row.DeclineCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
    }

    private static async Task<SandboxPaymentRow?> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, string id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new SandboxPaymentRow(
            reader.GetString(0),
            SandboxWire.ParseStatus(reader.GetString(1)),
            reader.GetInt64(2),
            reader.GetString(3),
            reader.GetInt64(4),
            reader.GetInt64(5),
            reader.GetString(6),
            reader.GetString(7),
            await reader.IsDBNullAsync(8, cancellationToken) ? null : reader.GetString(8));
    }
}
