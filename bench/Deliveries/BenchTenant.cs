using DigitalDelivery.Core.Deliveries.Handlers;
using DigitalDelivery.Core.Deliveries.Handlers.Webhook;
using Npgsql;

namespace DigitalDelivery.Bench.Deliveries;

/// <summary>
/// One organization with <c>count</c> enabled webhook destinations subscribed to every event, written straight into
/// the database (owner connection, as a seed would), each with its own signing secret protected as the Api stores it.
/// </summary>
internal sealed class BenchTenant
{
    private BenchTenant(Guid organizationId, IReadOnlyList<string> secrets)
    {
        OrganizationId = organizationId;
        Secrets = secrets;
    }

    public Guid OrganizationId { get; }

    /// <summary>The plain signing secrets, to verify samples with.</summary>
    public IReadOnlyList<string> Secrets { get; }

    public static async Task<BenchTenant> CreateAsync(string connectionString, DestinationHandlers handlers, Uri receiver, int count, string name)
    {
        var organizationId = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var organization = new NpgsqlCommand(
            "INSERT INTO organizations (id, name, slug, created_at) VALUES ($1, $2, $3, now())", connection))
        {
            organization.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = organizationId });
            organization.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            organization.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"{name}-{organizationId:N}"[..40] });
            await organization.ExecuteNonQueryAsync();
        }

        var secrets = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var secret = WebhookSecrets.New();
            secrets.Add(secret);
            await using var destination = new NpgsqlCommand("""
                INSERT INTO delivery_destinations (id, organization_id, name, type, config, events, protected_secret, enabled,
                    consecutive_failures, half_open_successes, created_at, updated_at, version)
                VALUES ($1, $2, $3, 'webhook', $4::jsonb, '{*}', $5, true, 0, 0, now(), now(), 1)
                """, connection);
            destination.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
            destination.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = organizationId });
            destination.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"bench {i}" });
            // A path per destination, as different merchants' endpoints would have; the sink answers every path.
            destination.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $$"""{"url": "{{new Uri(receiver, $"/hooks/{i}")}}"}""" });
            destination.Parameters.Add(new NpgsqlParameter<string> { TypedValue = handlers.Protect(secret) });
            await destination.ExecuteNonQueryAsync();
        }

        return new BenchTenant(organizationId, secrets);
    }
}
