using Npgsql;

namespace DigitalDelivery.Tests.Messaging.Support;

/// <summary>A table of handler effects in the test's own database (it is not part of the product schema).</summary>
public static class TestEffects
{
    public static async Task CreateAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "CREATE TABLE test_effects (message_id uuid NOT NULL, number integer NOT NULL, idempotency_key text UNIQUE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public static Task<long> CountAsync(string connectionString) => ScalarAsync<long>(connectionString, "SELECT count(*) FROM test_effects");

    public static Task<long> DistinctCountAsync(string connectionString) =>
        ScalarAsync<long>(connectionString, "SELECT count(DISTINCT number) FROM test_effects");

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }
}
