extern alias api;
extern alias deliveryworker;
extern alias web;
extern alias worker;

using System.Net;
using DigitalDelivery.LocalServers;
using DigitalDelivery.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DigitalDelivery.Tests.Platform;

public sealed class ServiceHealthTests(LocalInfrastructure infrastructure)
{
    public static TheoryData<string> Services => ["api", "worker", "deliveryworker", "web"];

    public static TheoryData<string> DatabaseServices => ["api", "worker", "deliveryworker"];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_service_is_ready_and_alive_when_its_stores_are_up(string service)
    {
        var database = await infrastructure.MigratedDatabaseAsync($"health_{service}");
        await using var factory = Create(service, AppHostSettings.For(infrastructure, database));
        using var client = factory.CreateClient();

        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
        using var alive = await client.GetAsync(new Uri("/alive", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseServices))]
    public async Task A_service_whose_postgres_is_down_is_not_ready_but_still_alive(string service)
    {
        // A database server of its own: stopping the shared one would break the tests running beside this one.
        await using var postgres = await PostgresServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var database = await postgres.CreateDatabaseAsync("deliverydb", TestContext.Current.CancellationToken);
        await TestDatabase.MigrateAsync(database);
        await using var factory = Create(service, AppHostSettings.For(infrastructure, database));
        using var client = factory.CreateClient();
        using var before = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
        await postgres.StopAsync();

        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
        using var alive = await client.GetAsync(new Uri("/alive", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Outside_development_health_answers_the_status_only()
    {
        var database = await infrastructure.MigratedDatabaseAsync("health_production");
        await using var factory = new ServiceFactory<api::Program>(AppHostSettings.For(infrastructure, database), "Production");
        using var client = factory.CreateClient();

        var body = await client.GetStringAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("Healthy", body);
    }

    [Fact]
    public async Task In_development_health_names_each_check()
    {
        var database = await infrastructure.MigratedDatabaseAsync("health_development");
        await using var factory = new ServiceFactory<api::Program>(AppHostSettings.For(infrastructure, database));
        using var client = factory.CreateClient();

        var body = await client.GetStringAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("\"postgres\"", body, StringComparison.Ordinal);
    }

    private static RunningService Create(string service, Dictionary<string, string?> settings) => service switch
    {
        "api" => new RunningService(new ServiceFactory<api::Program>(settings)),
        "worker" => new RunningService(new ServiceFactory<worker::Program>(settings)),
        "deliveryworker" => new RunningService(new ServiceFactory<deliveryworker::Program>(settings)),
        "web" => new RunningService(new ServiceFactory<web::Program>(settings)),
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "Unknown service."),
    };

    /// <summary>Lets one test body drive any service's factory, whatever its entry point type.</summary>
    private sealed class RunningService(IDisposable factory) : IAsyncDisposable
    {
        public HttpClient CreateClient() => factory switch
        {
            WebApplicationFactory<api::Program> f => f.CreateClient(),
            WebApplicationFactory<worker::Program> f => f.CreateClient(),
            WebApplicationFactory<deliveryworker::Program> f => f.CreateClient(),
            WebApplicationFactory<web::Program> f => f.CreateClient(),
            _ => throw new InvalidOperationException("Unknown factory."),
        };

        public ValueTask DisposeAsync() => ((IAsyncDisposable)factory).DisposeAsync();
    }
}
