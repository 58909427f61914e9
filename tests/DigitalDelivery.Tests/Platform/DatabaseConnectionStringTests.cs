using DigitalDelivery.Core.Persistence;
using Npgsql;

namespace DigitalDelivery.Tests.Platform;

public sealed class DatabaseConnectionStringTests
{
    [Fact]
    public void The_local_AppHost_form_keeps_host_port_user_password_and_database()
    {
        using var dataSource = PersistenceExtensions.BuildDataSource(
            "Host=localhost;Port=54321;Username=postgres;Password=s3cret;Database=deliverydb", role: null);
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);

        Assert.Equal(("localhost", 54321, "postgres", "deliverydb"), (settings.Host, settings.Port, settings.Username, settings.Database));
        // Npgsql keeps the password out of the data source's visible connection string unless asked to persist it.
        Assert.DoesNotContain("s3cret", dataSource.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Azure_form_without_a_password_is_accepted_for_token_authentication()
    {
        using var dataSource = PersistenceExtensions.BuildDataSource("Host=dd-server.postgres.database.azure.com;Database=deliverydb", role: null);
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);

        Assert.Equal("dd-server.postgres.database.azure.com", settings.Host);
        Assert.Equal("deliverydb", settings.Database);
        Assert.Null(settings.Password);
    }

    [Fact]
    public void A_malformed_connection_string_is_rejected_with_an_argument_error()
    {
        Assert.ThrowsAny<ArgumentException>(() => PersistenceExtensions.BuildDataSource("Host=localhost;Bogus Key=1", role: null));
    }
}
