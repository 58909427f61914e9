using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace DigitalDelivery.Core.Downloads;

/// <summary>
/// Inserts attempts of any tenants in one statement (INSERT ... SELECT FROM unnest of one array per column; COPY is
/// refused on tables with row-level security). The batch lifts tenant isolation for its own implicit transaction
/// only: each row carries the organization its token resolved to.
/// </summary>
public sealed class DownloadAttemptStore([FromKeyedServices(DownloadsExtensions.DataSourceKey)] NpgsqlDataSource dataSource)
{
    private const string InsertSql = """
        INSERT INTO download_attempts (id, organization_id, order_id, download_access_id, file_id, occurred_at, method, ip_address,
            user_agent, range, status_code, bytes_sent, outcome, reason, counted)
        SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::timestamptz[], $7::text[], $8::text[],
            $9::text[], $10::text[], $11::int[], $12::bigint[], $13::text[], $14::text[], $15::boolean[])
        """;

    public async Task InsertAsync(IReadOnlyList<DownloadAttempt> attempts, CancellationToken cancellationToken)
    {
        if (attempts.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var insert = new NpgsqlBatchCommand(InsertSql);
        insert.Parameters.Add(Array(attempts, a => a.Id, NpgsqlDbType.Uuid));
        insert.Parameters.Add(Array(attempts, a => a.OrganizationId, NpgsqlDbType.Uuid));
        insert.Parameters.Add(Array(attempts, a => a.OrderId, NpgsqlDbType.Uuid));
        insert.Parameters.Add(Array(attempts, a => a.DownloadAccessId, NpgsqlDbType.Uuid));
        insert.Parameters.Add(Array(attempts, a => a.FileId, NpgsqlDbType.Uuid));
        insert.Parameters.Add(Array(attempts, a => a.OccurredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        insert.Parameters.Add(Array(attempts, a => a.Method, NpgsqlDbType.Text));
        insert.Parameters.Add(Array(attempts, a => a.IpAddress, NpgsqlDbType.Text));
        insert.Parameters.Add(Array(attempts, a => a.UserAgent, NpgsqlDbType.Text));
        insert.Parameters.Add(Array(attempts, a => a.Range, NpgsqlDbType.Text));
        insert.Parameters.Add(Array(attempts, a => a.StatusCode, NpgsqlDbType.Integer));
        insert.Parameters.Add(Array(attempts, a => a.BytesSent, NpgsqlDbType.Bigint));
        insert.Parameters.Add(Array(attempts, a => a.Outcome, NpgsqlDbType.Text));
        insert.Parameters.Add(Array(attempts, a => a.Reason, NpgsqlDbType.Text));
        insert.Parameters.Add(Array(attempts, a => a.Counted, NpgsqlDbType.Boolean));
        await using var batch = new NpgsqlBatch(connection)
        {
            // Asynchronous commit: the log need not wait for its WAL flush (a crash of PostgreSQL itself may lose the
            // last few milliseconds of attempts; a normal shutdown flushes them).
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT set_config('app.cross_tenant', 'on', true), set_config('synchronous_commit', 'off', true)"),
                insert,
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlParameter Array<T>(IReadOnlyList<DownloadAttempt> attempts, Func<DownloadAttempt, T> column, NpgsqlDbType type) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | type, Value = attempts.Select(column).ToArray() };
}
