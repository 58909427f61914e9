using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DigitalDelivery.Tests.Platform;

public sealed class MigrationTests(LocalInfrastructure infrastructure)
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_a_second_run_changes_nothing()
    {
        var connectionString = await infrastructure.CreateDatabaseAsync("migrations");
        await using var db = TestDatabase.CreateContext(connectionString);
        var migrator = new DatabaseMigrator(db, NullLogger<DatabaseMigrator>.Instance);

        var firstRun = await migrator.MigrateAsync(TestContext.Current.CancellationToken);
        var schemaAfterFirst = await TestDatabase.DescribeSchemaAsync(connectionString);
        var secondRun = await migrator.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Equal(db.Database.GetMigrations(), firstRun);
        Assert.Empty(secondRun);
        Assert.Equal(schemaAfterFirst, await TestDatabase.DescribeSchemaAsync(connectionString));
    }

    [Fact]
    public async Task Migrated_schema_matches_the_schema_the_model_would_create()
    {
        // Migrations are written by hand (EF's design package cannot be restored here), so this is what keeps
        // them honest: the schema they build must equal the one EF derives from the model.
        var migratedConnection = await infrastructure.CreateDatabaseAsync("schema_migrated");
        var modelConnection = await infrastructure.CreateDatabaseAsync("schema_model");
        await using (var migrated = TestDatabase.CreateContext(migratedConnection))
        {
            await migrated.Database.MigrateAsync(TestContext.Current.CancellationToken);
        }

        await using (var model = TestDatabase.CreateContext(modelConnection))
        {
            await using var connection = new NpgsqlConnection(modelConnection);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand(model.Database.GenerateCreateScript(), connection);
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var fromModel = await TestDatabase.DescribeSchemaAsync(modelConnection, TestDatabase.ModelManagedTables);
        var fromMigrations = await TestDatabase.DescribeSchemaAsync(migratedConnection, TestDatabase.ModelManagedTables);
        Assert.Equal(fromModel, fromMigrations);
    }
}
