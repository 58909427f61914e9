using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalDelivery.Bench.Downloads;
using DigitalDelivery.Bench.Infrastructure;
using DigitalDelivery.Core.Deliveries.Metrics;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using DigitalDelivery.LocalServers;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalDelivery.Bench.DeliveryMetrics;

/// <summary>
/// The metrics benchmark of issue 14: <c>GET /api/v1/deliveries/metrics</c> over a month of stored attempts, against
/// the Api in process on Kestrel with a durable PostgreSQL. Measured in the same run: the reader alone through the
/// Api's own DbContext registration (no HTTP), the same as the owner (whom row-level security does not bind), and the
/// same pipeline's floor (an authorized list of the organization's destinations), so the figure splits into the
/// statement, the tenant policies and what the Api adds around them.
/// </summary>
internal static class DeliveryMetricsBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = new BenchArguments(args);
        var attempts = arguments.GetInt("attempts", 100_000);
        var requests = arguments.GetInt("requests", 30);

        await using var database = await BenchDatabase.StartAsync(arguments.Get("connection"), "metrics_bench");
        await using var azurite = await AzuriteServer.StartAsync();
        await using var redis = await RedisServer.StartAsync();
        Console.WriteLine($"delivery metrics benchmark on {database.Description}; {Environment.ProcessorCount} cores, "
            + $"{attempts:N0} attempts over 30 days in the measured organization and as many in a neighbour's");
        var seeding = Stopwatch.StartNew();
        var seed = await MetricsSeed.CreateAsync(database.ConnectionString, attempts);
        Console.WriteLine($"  seeded in {seeding.Elapsed.TotalSeconds:F1} s");

        var to = DateTimeOffset.UtcNow.AddMinutes(1);
        var from = to - TimeSpan.FromDays(30) - TimeSpan.FromMinutes(2);

        var settings = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ConnectionNames.Database}"] = database.ConnectionString,
            [$"ConnectionStrings:{ConnectionNames.Cache}"] = redis.ConnectionString,
            [$"ConnectionStrings:{ConnectionNames.Blobs}"] = azurite.ConnectionString,
            // The benchmark asks more often than a client may write per minute; the limiter is not what is measured.
            ["RateLimiting:WritesPerClient:PermitLimit"] = "100000",
        };
        var (app, address) = await BenchApi.StartAsync(settings);
        try
        {
            using var http = new HttpClient { BaseAddress = address };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, seed));
            var metricsPath = string.Create(CultureInfo.InvariantCulture,
                $"/api/v1/deliveries/metrics?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}");

            // Warm-up: JIT, connection pool, the plan cache; then alternate so drift hits both series alike.
            for (var i = 0; i < 5; i++)
            {
                await CheckMetricsAsync(http, metricsPath, seed.Attempts);
                await TimeAsync(() => http.GetStringAsync("/api/v1/destinations"));
            }

            // The statement as the Api runs it (the application role, row-level security, the tenant's session
            // settings) and as the owner, whom row-level security does not bind: the difference is the policies' cost.
            var query = await QueryPhaseAsync(app.Services, asOwner: false, seed, from, to, requests);
            var owner = await QueryPhaseAsync(app.Services, asOwner: true, seed, from, to, requests);
            var endpoint = new List<double>();
            var floor = new List<double>();
            for (var i = 0; i < requests; i++)
            {
                endpoint.Add(await TimeAsync(() => CheckMetricsAsync(http, metricsPath, seed.Attempts)));
                floor.Add(await TimeAsync(() => http.GetStringAsync("/api/v1/destinations")));
            }

            Print("GET /api/v1/deliveries/metrics, 30 days", endpoint);
            Print("the reader alone, as the Api runs it (application role, row-level security; no HTTP)", query);
            Print("the reader alone, as the owner (no row-level security)", owner);
            Print("floor: GET /api/v1/destinations (same pipeline and token)", floor);
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"delivery-metrics: attempts={seed.Attempts} endpoint_p50_ms={Percentiles.Of(endpoint, 50):F1} endpoint_p95_ms={Percentiles.Of(endpoint, 95):F1} "
                + $"query_p50_ms={Percentiles.Of(query, 50):F1} owner_query_p50_ms={Percentiles.Of(owner, 50):F1} floor_p50_ms={Percentiles.Of(floor, 50):F1}"));
            return 0;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<List<double>> QueryPhaseAsync(
        IServiceProvider services, bool asOwner, MetricsSeed seed, DateTimeOffset from, DateTimeOffset to, int requests)
    {
        var timings = new List<double>();
        for (var i = -5; i < requests; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
            tenant.SetOrganization(seed.OrganizationId);
            var db = asOwner
                ? scope.ServiceProvider.GetRequiredKeyedService<DeliveryDbContext>(PersistenceExtensions.OwnerConnection)
                : scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
            db.Tenant = tenant;
            var start = Stopwatch.GetTimestamp();
            var metrics = await DeliveryMetricsReader.ReadAsync(db, from, to, destinationId: null, type: null, CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (metrics.Total.Attempts != seed.Attempts)
            {
                throw new InvalidOperationException($"The reader counted {metrics.Total.Attempts} attempts, {seed.Attempts} were seeded.");
            }

            if (i >= 0)
            {
                timings.Add(elapsed);
            }
        }

        return timings;
    }

    private static async Task<string> TokenAsync(HttpClient http, MetricsSeed seed)
    {
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = seed.ClientId, ["client_secret"] = seed.ClientSecret,
        }));
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    // Every answer is checked: a fast wrong answer (another tenant's attempts, a truncated range) must not count.
    private static async Task CheckMetricsAsync(HttpClient http, string path, long attempts)
    {
        using var body = await http.GetFromJsonAsync<JsonDocument>(path)
            ?? throw new InvalidOperationException("The metrics endpoint answered no body.");
        var counted = body.RootElement.GetProperty("total").GetProperty("attempts").GetInt64();
        var destinations = body.RootElement.GetProperty("by_destination").GetArrayLength();
        if (counted != attempts || destinations != MetricsSeed.Destinations)
        {
            throw new InvalidOperationException(
                $"The endpoint counted {counted} attempts over {destinations} destinations; {attempts} over {MetricsSeed.Destinations} were seeded.");
        }
    }

    private static async Task<double> TimeAsync(Func<Task> request)
    {
        var start = Stopwatch.GetTimestamp();
        await request();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static void Print(string name, List<double> samples) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name}: p50 {Percentiles.Of(samples, 50):F1} ms, p95 {Percentiles.Of(samples, 95):F1} ms, max {samples.Max():F1} ms ({samples.Count} requests)"));
}
