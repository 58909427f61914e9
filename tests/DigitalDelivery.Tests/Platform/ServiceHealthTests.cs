extern alias api;
extern alias deliveryworker;
extern alias web;
extern alias worker;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using DigitalDelivery.LocalServers;
using DigitalDelivery.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

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

        // The check the Aspire Npgsql EF Core integration registers for the DbContext.
        Assert.Contains("\"DeliveryDbContext\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_probes_are_not_traced_while_other_requests_are()
    {
        var database = await infrastructure.MigratedDatabaseAsync("health_tracing");
        var recorded = new ConcurrentDictionary<string, bool>();
        await using var root = new ServiceFactory<api::Program>(AppHostSettings.For(infrastructure, database));
        await using var factory = root.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
            services.AddSingleton<IStartupFilter>(new RecordingStartupFilter(recorded))));
        using var client = factory.CreateClient();

        foreach (var path in new[] { "/health", "/alive", "/no-such-page" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        }

        Assert.False(recorded["/health"]);
        Assert.False(recorded["/alive"]);
        Assert.True(recorded["/no-such-page"]);
    }

    private static RunningService Create(string service, Dictionary<string, string?> settings) => service switch
    {
        "api" => new RunningService(new ServiceFactory<api::Program>(settings)),
        "worker" => new RunningService(new ServiceFactory<worker::Program>(settings)),
        "deliveryworker" => new RunningService(new ServiceFactory<deliveryworker::Program>(settings)),
        "web" => new RunningService(new ServiceFactory<web::Program>(settings)),
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "Unknown service."),
    };

    /// <summary>
    /// Notes, as each request enters the pipeline, whether its server span is recorded: the ASP.NET Core
    /// instrumentation has decided that by then, and the answer is known before the response reaches the test.
    /// </summary>
    private sealed class RecordingStartupFilter(ConcurrentDictionary<string, bool> recorded) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                recorded[context.Request.Path] = Activity.Current?.Recorded ?? false;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

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
