using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace DigitalDelivery.Core.Downloads;

/// <summary>
/// Counts downloads as sessions. Called when a request's first bytes are about to go out (or its redirect), never
/// for HEAD or refused requests. A request inside its client's open session is admitted without counting, even when
/// the limit is reached (that session already paid). Opening a session locks the entitlement row, so every new
/// session of one entitlement is decided in turn: the conditional increment can never exceed max_downloads, and two
/// parallel first requests of one client see each other (the second joins the session the first opened).
/// </summary>
public sealed class DownloadSessions([FromKeyedServices(DownloadsExtensions.DataSourceKey)] NpgsqlDataSource dataSource, IOptions<DownloadOptions> options)
{
    private const string TenantSql = "SELECT set_config('app.tenant_id', $1, true)";

    private const string LockSql = """
        SELECT max_downloads, downloads_used, expires_at, revoked_at FROM download_access WHERE id = $1 FOR UPDATE
        """;

    private const string SessionSql = """
        SELECT last_seen_at FROM download_sessions WHERE download_access_id = $1 AND client_fingerprint = $2
        """;

    private const string TouchSql = """
        UPDATE download_sessions SET last_seen_at = $3 WHERE download_access_id = $1 AND client_fingerprint = $2
        """;

    private const string CountSql = """
        UPDATE download_access SET downloads_used = downloads_used + 1, last_downloaded_at = $2
        WHERE id = $1 AND (max_downloads IS NULL OR downloads_used < max_downloads)
        """;

    private const string OpenSql = """
        INSERT INTO download_sessions (id, organization_id, download_access_id, client_fingerprint, opened_at, last_seen_at, sessions_opened)
        VALUES ($1, $2, $3, $4, $5, $5, 1)
        ON CONFLICT (download_access_id, client_fingerprint)
        DO UPDATE SET opened_at = excluded.opened_at, last_seen_at = excluded.last_seen_at, sessions_opened = download_sessions.sessions_opened + 1
        """;

    /// <summary>Admits a request of <paramref name="grant"/>'s client that is about to send bytes.</summary>
    public async Task<SessionAdmission> AdmitAsync(DownloadGrant grant, byte[] clientFingerprint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var accessId = grant.DownloadAccessId ?? throw new ArgumentException("Only file links have sessions.", nameof(grant));
        var settings = options.Value;
        var cutoff = now - settings.SessionWindow;
        if (grant.SessionLastSeenAt is { } lastSeen && lastSeen > cutoff)
        {
            // The common case (parallel ranges, resumes, redirects followed again): no lock, and no write at all
            // unless last_seen_at is getting stale.
            if (now - lastSeen >= settings.SessionTouchInterval)
            {
                await TouchAsync(grant.OrganizationId, accessId, clientFingerprint, now, cancellationToken).ConfigureAwait(false);
            }

            return SessionAdmission.Joined;
        }

        return await OpenAsync(grant.OrganizationId, accessId, clientFingerprint, now, cutoff, cancellationToken).ConfigureAwait(false);
    }

    private async Task TouchAsync(Guid organizationId, Guid accessId, byte[] fingerprint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { Tenant(organizationId), Command(TouchSql, Uuid(accessId), Bytes(fingerprint), Time(now)) },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SessionAdmission> OpenAsync(
        Guid organizationId, Guid accessId, byte[] fingerprint, DateTimeOffset now, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        int? max;
        int used;
        DateTimeOffset? expiresAt;
        DateTimeOffset? revokedAt;
        DateTimeOffset? lastSeen = null;
        await using (var read = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands = { Tenant(organizationId), Command(LockSql, Uuid(accessId)), Command(SessionSql, Uuid(accessId), Bytes(fingerprint)) },
        })
        {
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return SessionAdmission.Revoked; // deleted with its order meanwhile
            }

            max = reader.IsDBNull(0) ? null : reader.GetInt32(0);
            used = reader.GetInt32(1);
            expiresAt = reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2);
            revokedAt = reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                lastSeen = reader.GetFieldValue<DateTimeOffset>(0);
            }
        }

        if (revokedAt is not null)
        {
            return SessionAdmission.Revoked;
        }

        if (expiresAt is { } expiry && expiry <= now)
        {
            return SessionAdmission.Expired;
        }

        NpgsqlBatch write;
        SessionAdmission admission;
        if (lastSeen is { } seen && seen > cutoff)
        {
            // A parallel request of this client opened the session while we waited for the lock.
            write = new NpgsqlBatch(connection, transaction) { BatchCommands = { Command(TouchSql, Uuid(accessId), Bytes(fingerprint), Time(now)) } };
            admission = SessionAdmission.Joined;
        }
        else if (max is { } limit && used >= limit)
        {
            return SessionAdmission.LimitReached;
        }
        else
        {
            write = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    Command(CountSql, Uuid(accessId), Time(now)),
                    Command(OpenSql, Uuid(Guid.CreateVersion7()), Uuid(organizationId), Uuid(accessId), Bytes(fingerprint), Time(now)),
                },
            };
            admission = SessionAdmission.Opened;
        }

        await using (write)
        {
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return admission;
    }

    private static NpgsqlBatchCommand Tenant(Guid organizationId) =>
        Command(TenantSql, new NpgsqlParameter<string> { TypedValue = organizationId.ToString() });

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter<Guid> Uuid(Guid value) => new() { NpgsqlDbType = NpgsqlDbType.Uuid, TypedValue = value };

    private static NpgsqlParameter<byte[]> Bytes(byte[] value) => new() { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = value };

    private static NpgsqlParameter<DateTimeOffset> Time(DateTimeOffset value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = value.ToUniversalTime() };
}
