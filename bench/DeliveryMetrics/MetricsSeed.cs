extern alias api;

using Npgsql;

namespace DigitalDelivery.Bench.DeliveryMetrics;

/// <summary>
/// A month of delivery history written straight into the database, as a busy merchant would have it: 20 destinations
/// of the five types, deliveries with one to three attempts (about one attempt in eight failing, with a 503 or a timeout),
/// durations spread from milliseconds to seconds; and a second organization with as many attempts that the measured
/// one must not read. The measured organization has an API client whose secret the benchmark knows.
/// </summary>
internal sealed record MetricsSeed(Guid OrganizationId, long Attempts, string ClientId, string ClientSecret)
{
    public const int Destinations = 20;

    public static async Task<MetricsSeed> CreateAsync(string connectionString, int attempts)
    {
        var measured = await OrganizationAsync(connectionString, "metrics", attempts);
        await OrganizationAsync(connectionString, "neighbour", attempts);

        var secret = api::DigitalDelivery.Api.Clients.ClientSecrets.NewSecret();
        var clientId = api::DigitalDelivery.Api.Clients.ClientSecrets.NewClientId();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var client = new NpgsqlCommand("""
            INSERT INTO api_clients (id, organization_id, client_id, name, secret_hash, scopes, created_at)
            VALUES (gen_random_uuid(), $1, $2, 'metrics bench', $3, $4, now())
            """, connection);
        client.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = measured });
        client.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clientId });
        client.Parameters.Add(new NpgsqlParameter<string> { TypedValue = new api::DigitalDelivery.Api.Clients.ClientSecrets().Hash(secret) });
        client.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [api::DigitalDelivery.Api.Identity.Scopes.DeliveriesAdmin] });
        await client.ExecuteNonQueryAsync();
        // Deliveries are seeded with a spread of attempts, so the exact count is read back for the checks.
        await using var count = new NpgsqlCommand("SELECT count(*) FROM delivery_attempts WHERE organization_id = $1", connection);
        count.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = measured });
        return new MetricsSeed(measured, (long)(await count.ExecuteScalarAsync())!, clientId, secret);
    }

    private static async Task<Guid> OrganizationAsync(string connectionString, string name, int attempts)
    {
        var organizationId = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // Deliveries have 1.15 attempts on average: nine in ten succeed first time, one in twenty needs three.
        var deliveries = (int)Math.Ceiling(attempts / 1.15);
        await using var seed = new NpgsqlCommand($$"""
            INSERT INTO organizations (id, name, slug, created_at) VALUES (@org, @name, @name || '-' || replace(@org::text, '-', ''), now());

            INSERT INTO delivery_destinations (id, organization_id, name, type, config, events, enabled, consecutive_failures,
                half_open_successes, created_at, updated_at, version)
            SELECT gen_random_uuid(), @org, 'metrics ' || i, (ARRAY['webhook', 'email', 'storage', 'sftp', 'download'])[1 + i % 5], '{}'::jsonb,
                   '{*}', true, 0, 0, now() - interval '40 days', now(), 1
            FROM generate_series(0, {{Destinations - 1}}) AS i;

            CREATE TEMP TABLE seeded_destinations AS
                SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM delivery_destinations WHERE organization_id = @org;

            INSERT INTO deliveries (id, organization_id, destination_id, event_id, event_type, payload, status, attempts,
                attempts_before_retry, correlation_id, priority, tags, file_ids, download_count, created_at, delivered_at)
            SELECT gen_random_uuid(), @org, d.id, gen_random_uuid(), 'order.fulfilled', '{}', 'delivered', 1 + (g % 10 = 0)::int + (g % 20 = 0)::int,
                   0, gen_random_uuid(), 0, '{}', '{}', 0, now() - (g % 2592000) * interval '1 second', now() - (g % 2592000) * interval '1 second'
            FROM generate_series(1, @deliveries) AS g
            JOIN seeded_destinations d ON d.n = g % {{Destinations}};

            INSERT INTO delivery_attempts (id, organization_id, delivery_id, destination_id, succeeded, number, started_at, duration_ms,
                response_status, error)
            SELECT gen_random_uuid(), @org, v.id, v.destination_id, n = v.attempts, n, v.created_at + (n - 1) * interval '2 seconds',
                   (5 + 2000 * power(random(), 4))::int,
                   CASE WHEN n = v.attempts THEN 200 WHEN n % 2 = 1 THEN 503 END,
                   CASE WHEN n = v.attempts THEN NULL WHEN n % 2 = 1 THEN 'status 503' ELSE 'timed out' END
            FROM deliveries v, generate_series(1, v.attempts) AS n
            WHERE v.organization_id = @org;

            DROP TABLE seeded_destinations;
            """, connection) { CommandTimeout = 600 };
        seed.Parameters.AddWithValue("org", organizationId);
        seed.Parameters.AddWithValue("name", name);
        seed.Parameters.AddWithValue("deliveries", deliveries);
        await seed.ExecuteNonQueryAsync();
        // A month-old table has been vacuumed by autovacuum many times: the visibility map is what lets the reader
        // answer from the attempts' index alone, so the freshly written rows get the same treatment.
        foreach (var table in new[] { "deliveries", "delivery_attempts", "delivery_destinations" })
        {
            await using var vacuum = new NpgsqlCommand($"VACUUM ANALYZE {table}", connection);
            await vacuum.ExecuteNonQueryAsync();
        }
        return organizationId;
    }
}
