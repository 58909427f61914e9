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
    public void Model_has_no_changes_that_no_migration_holds()
    {
        // Compares the model with the migrations' snapshot: a changed entity or configuration without
        // `dotnet ef migrations add` fails here (docs/persistence.md), before any database sees it.
        using var db = TestDatabase.CreateContext("Host=localhost;Database=unused");

        Assert.False(
            db.Database.HasPendingModelChanges(),
            "The model has changes no migration holds: run `dotnet ef migrations add <Name> --project Core`.");
    }

    [Fact]
    public async Task Migrated_schema_matches_the_schema_the_model_would_create()
    {
        // The migrations up to 20261122150100 were written by hand before dotnet-ef could run here, and the model
        // snapshot was generated from the model afterwards: the schema they build must equal the one EF derives
        // from the model, or the snapshot would describe a database that does not exist.
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
