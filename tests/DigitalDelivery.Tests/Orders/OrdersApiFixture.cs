using DigitalDelivery.Tests.Identity;
using DigitalDelivery.Tests.Infrastructure;
using Npgsql;

namespace DigitalDelivery.Tests.Orders;

/// <summary>The Api on a database of its own, with write limits high enough for the concurrency tests.</summary>
public class OrdersApiFixture(LocalInfrastructure infrastructure) : IdentityApiFixture(infrastructure)
{
    public override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["RateLimiting:WritesPerClient:PermitLimit"] = "100000",
    };

    /// <summary>Adds a product straight in the database (as the owner), active and priced unless told otherwise.</summary>
    public async Task<Guid> CreateProductAsync(
        Guid organizationId, int? stockLimit = null, long priceMinor = 1999, string status = "active", string type = "download")
    {
        var id = Guid.CreateVersion7();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO products (id, organization_id, sku, normalized_sku, name, type, price_minor, currency, status, stock_limit,
                                  asset_update_policy, created_at, updated_at, version)
            VALUES (@id, @org, @sku, upper(@sku), 'Test product', @type, @price, 'EUR', @status, @stock, 'latest', now(), now(), 1)
            """,
            connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("org", organizationId);
        command.Parameters.AddWithValue("sku", $"sku-{id:N}");
        command.Parameters.AddWithValue("type", type);
        command.Parameters.AddWithValue("price", priceMinor);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("stock", stockLimit is null ? DBNull.Value : stockLimit.Value);
        await command.ExecuteNonQueryAsync();
        return id;
    }
}
