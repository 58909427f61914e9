using DigitalDelivery.Core.Catalog.Files;
using DigitalDelivery.Core.Catalog.Products;
using DigitalDelivery.Core.Entitlements;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace DigitalDelivery.Core.Downloads;

/// <summary>
/// The hot-path lookup of a file token: link, entitlement, servable file and the client's session in ONE round trip
/// (a two-statement batch: lift tenant isolation for this implicit transaction only, then the query keyed by the
/// unique token-hash index). Raw Npgsql rather than EF because this runs for every download request and redirect.
/// The file choice repeats <see cref="Catalog.Downloads.ServableFiles"/> in SQL (as-purchased version when the
/// product's policy says so, else the current one; Clean files only); keep the two in step.
/// </summary>
public sealed class DownloadGrants([FromKeyedServices(DownloadsExtensions.DataSourceKey)] NpgsqlDataSource dataSource)
{
    private const string CrossTenantSql = "SELECT set_config('app.cross_tenant', 'on', true)";

    private static readonly string LookupSql = $"""
        SELECT l.organization_id, l.order_id, l.kind, l.token_hash, l.expires_at, l.revoked_at,
               a.id, a.max_downloads, a.downloads_used, a.expires_at, a.revoked_at,
               f.id, f.blob_name, f.file_name, f.content_type, f.size_bytes, f.sha256, f.status,
               s.last_seen_at
        FROM download_links l
        LEFT JOIN download_access a ON a.id = l.download_access_id AND a.organization_id = l.organization_id
        LEFT JOIN product_assets pa ON pa.id = a.asset_id
        LEFT JOIN products p ON p.id = pa.product_id
        LEFT JOIN product_asset_versions v ON v.asset_id = pa.id AND v.number =
            CASE WHEN p.asset_update_policy = '{AssetUpdatePolicies.AsPurchased}' AND a.asset_version <= pa.current_version
                 THEN a.asset_version ELSE pa.current_version END
        LEFT JOIN catalog_files f ON f.id = v.file_id
        LEFT JOIN download_sessions s ON s.download_access_id = a.id AND s.client_fingerprint = $2
        WHERE l.token_hash = $1
        """;

    /// <summary>The grant of a token hash, or null when no link has it.</summary>
    public async Task<DownloadGrant?> FindAsync(byte[] tokenHash, byte[] clientFingerprint, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(CrossTenantSql),
                new NpgsqlBatchCommand(LookupSql)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<byte[]> { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = tokenHash },
                        new NpgsqlParameter<byte[]> { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = clientFingerprint },
                    },
                },
            },
        };
        // Persistent prepared statements: a round trip the first time per physical connection, free afterwards.
        await batch.PrepareAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var storedHash = reader.GetFieldValue<byte[]>(3);
        if (!DownloadToken.HashesEqual(tokenHash, storedHash))
        {
            return null;
        }

        GrantedFile? file = null;
        if (!reader.IsDBNull(11) && reader.GetString(17) == FileStatuses.Clean)
        {
            file = new GrantedFile(
                reader.GetGuid(11), reader.GetString(12), reader.GetString(13), reader.GetString(14), reader.GetInt64(15), reader.GetString(16));
        }

        var hasAccess = !reader.IsDBNull(6);
        return new DownloadGrant(
            OrganizationId: reader.GetGuid(0),
            OrderId: reader.GetGuid(1),
            Kind: reader.GetString(2),
            LinkExpiresAt: NullableTime(reader, 4),
            LinkRevokedAt: NullableTime(reader, 5),
            DownloadAccessId: hasAccess ? reader.GetGuid(6) : null,
            MaxDownloads: reader.IsDBNull(7) ? null : reader.GetInt32(7),
            DownloadsUsed: hasAccess ? reader.GetInt32(8) : 0,
            AccessExpiresAt: NullableTime(reader, 9),
            AccessRevokedAt: NullableTime(reader, 10),
            File: file,
            SessionLastSeenAt: NullableTime(reader, 18));
    }

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
