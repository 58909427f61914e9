using System.Diagnostics;
using System.Globalization;
using System.Net;
using Azure.Storage.Blobs;
using DigitalDelivery.Bench.Infrastructure;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.LocalServers;

namespace DigitalDelivery.Bench.Downloads;

/// <summary>
/// The downloads benchmark of issue 7, in one run against a durable PostgreSQL, Redis and Azurite of our own:
/// (a) validated download requests per second in redirect mode: many concurrent clients, each with its own file link
/// and user agent, against the Api in process on Kestrel; each request is the whole check (rate limiter, token lookup,
/// entitlement, session) and a freshly signed SAS redirect; (b) streamed throughput of one large file through the
/// Api compared with reading the same blob straight from Azurite, alternating runs, medians reported.
/// </summary>
internal static class DownloadsBenchmark
{
    private const string Container = "bench-downloads";
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = new BenchArguments(args);
        var seconds = arguments.GetInt("seconds", 10);
        var clients = arguments.GetInt("clients", 64);
        var megabytes = arguments.GetInt("mb", 256);
        var runs = arguments.GetInt("runs", 3);

        await using var database = await BenchDatabase.StartAsync(arguments.Get("connection"), "downloads_bench");
        await using var azurite = await AzuriteServer.StartAsync();
        await using var redis = await RedisServer.StartAsync();
        Console.WriteLine($"downloads benchmark on {database.Description}; {Environment.ProcessorCount} cores, {clients} redirect clients, {megabytes} MB file");
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var catalog = await BenchCatalog.CreateAsync(database.ConnectionString, blobs, Container, megabytes * 1_000_000L);
        var tokens = await catalog.GrantAsync(clients + 1);

        var settings = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ConnectionNames.Database}"] = database.ConnectionString,
            [$"ConnectionStrings:{ConnectionNames.Cache}"] = redis.ConnectionString,
            [$"ConnectionStrings:{ConnectionNames.Blobs}"] = azurite.ConnectionString,
            ["Catalog:Container"] = Container,
        };

        settings["Downloads:Mode"] = "Redirect";
        var redirect = await RedirectPhaseAsync(settings, tokens.Take(clients).ToList(), TimeSpan.FromSeconds(seconds), database, runs, floor: false);
        var floor = await RedirectPhaseAsync(settings, tokens.Take(clients).ToList(), TimeSpan.FromSeconds(Math.Max(3, seconds / 2)), database, runs, floor: true);
        Print("redirect", redirect);
        Print("floor (same pipeline and clients, a bare redirect)", floor);
        var redirectRps = redirect[runs / 2].Rps;

        settings["Downloads:Mode"] = "Stream";
        var (streamed, direct) = await StreamPhaseAsync(settings, tokens[^1], blobs, catalog, runs);
        var streamMbs = Median(streamed);
        var directMbs = Median(direct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  streamed through the Api: {string.Join(", ", streamed.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))} MB/s (median {streamMbs:F0})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  direct from Azurite:      {string.Join(", ", direct.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))} MB/s (median {directMbs:F0}); streamed/direct {streamMbs / directMbs:P0}"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"downloads: redirect_rps={redirectRps:F0} stream_mb_s={streamMbs:F1} direct_mb_s={directMbs:F1}"));
        return 0;
    }

    /// <summary>One phase's figures: requests/s, latencies and CPU per request of this process and of PostgreSQL.</summary>
    private sealed record PhaseRun(double Rps, List<double> Latencies, double DotnetMicroseconds, double PostgresMicroseconds);

    // Runs ordered by rate: the median is the middle one, so one noisy run cannot carry the figure.
    private static void Print(string name, List<PhaseRun> runs)
    {
        var median = runs[runs.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name}: {string.Join(", ", runs.Select(r => r.Rps.ToString("N0", CultureInfo.InvariantCulture)))} requests/s (median {median.Rps:N0}), "
            + $"latency p50 {Percentiles.Of(median.Latencies, 50):F2} ms, p99 {Percentiles.Of(median.Latencies, 99):F2} ms; "
            + $"CPU per request: .NET (Api + clients) {median.DotnetMicroseconds:F0} µs, PostgreSQL {median.PostgresMicroseconds:F0} µs"));
    }

    private static async Task<List<PhaseRun>> RedirectPhaseAsync(
        Dictionary<string, string?> settings, List<string> tokens, TimeSpan phase, BenchDatabase database, int runs, bool floor)
    {
        var (app, address) = await BenchApi.StartAsync(settings);
        try
        {
            using var handler = new SocketsHttpHandler
            {
                AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = tokens.Count, PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            };
            using var http = new HttpClient(handler) { BaseAddress = address };
            // Warm-up: connection pools, prepared statements, each client's session, and tiered compilation. Profiles
            // showed the hot path still in Tier-0 code after a 3 s warm-up on two busy cores; the Api in production
            // runs for days, so the figure is taken once the JIT has finished promoting it.
            await RunClientsAsync(http, tokens, WarmUp, latencies: null, floor);
            var results = new List<PhaseRun>();
            for (var run = 0; run < runs; run++)
            {
                var meter = database.Cpu;
                var (benchBefore, postgresBefore) = meter.Read();
                var latencies = new List<double>();
                var stopwatch = Stopwatch.StartNew();
                var completed = await RunClientsAsync(http, tokens, phase, latencies, floor);
                var elapsed = stopwatch.Elapsed.TotalSeconds;
                var (benchAfter, postgresAfter) = meter.Read();
                results.Add(new PhaseRun(completed / elapsed, latencies,
                    (benchAfter - benchBefore).TotalMicroseconds / completed, (postgresAfter - postgresBefore).TotalMicroseconds / completed));
            }

            return [.. results.OrderBy(r => r.Rps)];
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<int> RunClientsAsync(HttpClient http, List<string> tokens, TimeSpan phase, List<double>? latencies, bool floor)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(phase.TotalSeconds * Stopwatch.Frequency);
        var counts = await Task.WhenAll(tokens.Select((token, client) => Task.Run(async () =>
        {
            var done = 0;
            var own = new List<double>();
            var agent = $"bench-client/{client}";
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var start = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Get, floor ? "/bench/redirect" : "/api/v1/downloads/" + token);
                request.Headers.TryAddWithoutValidation("User-Agent", agent);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                if (response.StatusCode != HttpStatusCode.Found)
                {
                    throw new InvalidOperationException($"Expected 302, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }

                own.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                done++;
            }

            return (done, own);
        })));
        if (latencies is not null)
        {
            foreach (var (_, own) in counts)
            {
                latencies.AddRange(own);
            }
        }

        return counts.Sum(c => c.done);
    }

    private static async Task<(List<double> Streamed, List<double> Direct)> StreamPhaseAsync(
        Dictionary<string, string?> settings, string token, BlobServiceClient blobs, BenchCatalog catalog, int runs)
    {
        var (app, address) = await BenchApi.StartAsync(settings);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromMinutes(10) };
            var throughApi = new Uri(address, "/api/v1/downloads/" + token);
            var direct = blobs.GetBlobContainerClient(Container).GetBlobClient(catalog.BlobName)
                .GenerateSasUri(Azure.Storage.Sas.BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddHours(1));
            // One untimed pass each: JIT and Azurite's own warm-up.
            await ReadAllAsync(http, throughApi, catalog.Size);
            await ReadAllAsync(http, direct, catalog.Size);
            var streamed = new List<double>();
            var straight = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                straight.Add(await ReadAllAsync(http, direct, catalog.Size));
                streamed.Add(await ReadAllAsync(http, throughApi, catalog.Size));
            }

            return (streamed, straight);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Downloads the whole body into a reused buffer; MB/s with MB = 10^6 bytes.</summary>
    private static async Task<double> ReadAllAsync(HttpClient http, Uri url, long expected)
    {
        var buffer = new byte[1 << 20];
        var stopwatch = Stopwatch.StartNew();
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        if (total != expected)
        {
            throw new InvalidOperationException($"Read {total} bytes from {url.Host}, expected {expected}.");
        }

        return total / 1e6 / stopwatch.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
