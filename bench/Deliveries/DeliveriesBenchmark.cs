using System.Diagnostics;
using System.Globalization;
using DigitalDelivery.Bench.Infrastructure;
using DigitalDelivery.Bench.Queue;
using DigitalDelivery.Core.Deliveries.Handlers;
using DigitalDelivery.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StandardWebhooks;

namespace DigitalDelivery.Bench.Deliveries;

/// <summary>
/// Webhook deliveries per second from submit to a local receiver, through the real engine: merchant events published
/// through the outbox by a producer host, fanned out and attempted by DeliveryWorker's handlers in process (its own
/// composition), POSTed signed to a Kestrel receiver on 127.0.0.1. Phases, each run three times with the median
/// reported: the queue's no-op drain (the ceiling), one destination, 100 destinations per event, and latency at half
/// the one-destination rate.
/// </summary>
internal static class DeliveriesBenchmark
{
    private const int WarmUpEvents = 500;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(20);

    private sealed record Settings(int Events, int FanOutEvents, int Destinations, int Producers, TimeSpan LatencyPhase, int NoOpMessages, int Runs, int MaxAutoPrepare);

    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = new BenchArguments(args);
        var settings = new Settings(
            Events: arguments.GetInt("events", 5_000),
            FanOutEvents: arguments.GetInt("fanout-events", 100),
            Destinations: arguments.GetInt("destinations", 100),
            Producers: arguments.GetInt("producers", 16),
            LatencyPhase: TimeSpan.FromSeconds(arguments.GetInt("seconds", 5)),
            NoOpMessages: arguments.GetInt("noop-messages", 50_000),
            Runs: arguments.GetInt("runs", 3),
            MaxAutoPrepare: arguments.GetInt("max-auto-prepare", PersistenceExtensions.DefaultMaxAutoPrepare));

        var statements = arguments.Get("pg-statements") == "on";
        await using var database = await BenchDatabase.StartAsync(arguments.Get("connection"), "deliveries_bench", statements);
        Console.WriteLine($"deliveries benchmark on {database.Description}; {Environment.ProcessorCount} cores, {settings.Producers} producers, DeliveryWorker Max Auto Prepare {settings.MaxAutoPrepare}, load average {LoadAverage()}");

        // The ceiling first, while the queue table holds nothing else (its drain waits for the table to be empty).
        var noOp = new List<(double Rate, string Cpu)>();
        for (var run = 0; run < settings.Runs; run++)
        {
            noOp.Add(await QueueBenchmark.NoOpRateAsync(database, settings.NoOpMessages));
        }

        noOp = [.. noOp.OrderBy(r => r.Rate)];
        var queueNoOp = noOp[noOp.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  queue no-op: {string.Join(", ", noOp.Select(r => r.Rate.ToString("N0", CultureInfo.InvariantCulture)))} messages/s (median {queueNoOp.Rate:N0}; {settings.NoOpMessages:N0} queued, concurrency 256; {queueNoOp.Cpu})"));

        await using var sink = await WebhookSink.StartAsync();
        var worker = await BenchDeliveryWorker.StartAsync(database.ConnectionString, settings.MaxAutoPrepare);
        try
        {
            await using var producer = await BenchProducer.StartAsync(database.ConnectionString);
            var handlers = worker.Services.GetRequiredService<DestinationHandlers>();
            var single = await BenchTenant.CreateAsync(database.ConnectionString, handlers, sink.BaseAddress, 1, "bench-one");
            var fanOut = await BenchTenant.CreateAsync(database.ConnectionString, handlers, sink.BaseAddress, settings.Destinations, "bench-fanout");
            var bench = new Runner(database, sink, producer, settings.Producers);

            // Untimed: connection pools, the Data Protection key ring, the sink's connections, and tiered compilation.
            // A profile after a few seconds showed the JIT's tiering thread at a fifth of the process's CPU and the
            // handlers still in instrumented (not yet optimised) code; DeliveryWorker runs for days, so the figures
            // are taken once that has settled, as the downloads benchmark does.
            var warmUntil = Stopwatch.GetTimestamp() + (long)(WarmUp.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < warmUntil)
            {
                await bench.BacklogAsync(single.OrganizationId, WarmUpEvents, 1);
                await bench.BacklogAsync(fanOut.OrganizationId, 5, settings.Destinations);
            }

            if (statements)
            {
                await database.ResetStatementsAsync();
            }

            var one = await RunsAsync(settings.Runs, () => bench.BacklogAsync(single.OrganizationId, settings.Events, 1));
            Print($"one destination ({settings.Events:N0} events)", one);
            if (statements)
            {
                await database.PrintStatementsAsync((long)settings.Events * settings.Runs);
            }

            var hundred = await RunsAsync(settings.Runs, () => bench.BacklogAsync(fanOut.OrganizationId, settings.FanOutEvents, settings.Destinations));
            Print($"{settings.Destinations} destinations ({settings.FanOutEvents:N0} events, {settings.FanOutEvents * settings.Destinations:N0} deliveries)", hundred);
            var oneRate = Median(one).Rate;
            var halfRate = Math.Max(1, oneRate / 2);
            var paced = (await RunsAsync(settings.Runs, () => bench.PacedAsync(single.OrganizationId, halfRate, settings.LatencyPhase)))
                .OrderBy(r => Percentiles.Of(r.Latencies, 99)).ToList();
            Print(string.Create(CultureInfo.InvariantCulture, $"half rate latency ({halfRate:N0}/s for {settings.LatencyPhase.TotalSeconds:F0} s, ordered by p99)"), paced);

            var verified = Verify(sink, [.. single.Secrets, .. fanOut.Secrets]);
            Console.WriteLine($"  receiver: {sink.Calls:N0} calls; {verified} of {sink.Samples.Count} sampled calls verified with StandardWebhooks against the destination's secret");
            Console.WriteLine($"  load average at the end: {LoadAverage()}");
            if (verified != sink.Samples.Count || verified == 0)
            {
                Console.Error.WriteLine("A sampled webhook did not verify: the figures are not of real signed deliveries.");
                return 1;
            }

            var median = Median(one);
            var latency = paced[paced.Count / 2];
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"deliveries: rate={median.Rate:F0}/s fanout100_rate={Median(hundred).Rate:F0}/s half_load_p50_ms={Percentiles.Of(latency.Latencies, 50):F2} half_load_p99_ms={Percentiles.Of(latency.Latencies, 99):F2} queue_noop={queueNoOp.Rate:F0}/s"));
            return 0;
        }
        finally
        {
            await worker.StopAsync();
            await worker.DisposeAsync();
        }
    }

    private static async Task<List<DeliveryRun>> RunsAsync(int runs, Func<Task<DeliveryRun>> run)
    {
        var results = new List<DeliveryRun>();
        for (var i = 0; i < runs; i++)
        {
            results.Add(await run());
        }

        return results;
    }

    // Runs ordered by rate: the median is the middle one, so one noisy run cannot carry the figure.
    private static DeliveryRun Median(List<DeliveryRun> runs) => runs.OrderBy(r => r.Rate).ElementAt(runs.Count / 2);

    private static void Print(string name, List<DeliveryRun> runs)
    {
        var median = runs.Count > 0 && name.StartsWith("half", StringComparison.Ordinal) ? runs[runs.Count / 2] : Median(runs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name}: {string.Join(", ", runs.Select(r => r.Rate.ToString("N0", CultureInfo.InvariantCulture)))} deliveries/s (median run {median.Rate:N0}), "
            + $"submit→receiver p50 {Percentiles.Of(median.Latencies, 50):F2} ms, p99 {Percentiles.Of(median.Latencies, 99):F2} ms; "
            + $"published at {median.PublishRate:N0} events/s, publish call p50 {Percentiles.Of(median.PublishCalls, 50):F2} / p99 {Percentiles.Of(median.PublishCalls, 99):F2} ms; "
            + $"CPU per delivery: .NET {median.DotnetMicroseconds:F0} µs, PostgreSQL {median.PostgresMicroseconds:F0} µs; load average {median.LoadAverage}"));
    }

    private static int Verify(WebhookSink sink, IReadOnlyList<string> secrets) => sink.Samples.Count(sample => secrets.Any(secret =>
    {
        try
        {
            new StandardWebhook(secret).Verify(sample.Body, sample.Headers);
            return true;
        }
        catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
        {
            return false;
        }
    }));

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>The phases' mechanics: publishing, waiting for the receiver, and matching arrivals to publish times.</summary>
    private sealed class Runner(BenchDatabase database, WebhookSink sink, BenchProducer producer, int producers)
    {
        private long _nextSequence;

        /// <summary>Publishes <paramref name="events"/> as fast as <c>producers</c> concurrent producers can, then waits for every delivery.</summary>
        public async Task<DeliveryRun> BacklogAsync(Guid organizationId, int events, int perEvent)
        {
            var (first, times, calls, meter, before, load) = await BeginAsync(events);
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, producers).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < events)
                {
                    times[i] = Stopwatch.GetTimestamp();
                    calls[i] = (await producer.PublishAsync(organizationId, first + i)).TotalMilliseconds;
                }
            })));
            return await EndAsync(first, times, calls, events * perEvent, meter, before, load);
        }

        /// <summary>Publishes at a fixed rate (each event its own producer call, not awaited by the pacer), then waits for every delivery.</summary>
        public async Task<DeliveryRun> PacedAsync(Guid organizationId, double rate, TimeSpan duration)
        {
            var events = (int)(rate * duration.TotalSeconds);
            var (first, times, calls, meter, before, load) = await BeginAsync(events);
            var publishes = new List<Task>(events);
            var started = Stopwatch.GetTimestamp();
            var sent = 0;
            while (sent < events)
            {
                var due = Math.Min(events, (int)(Stopwatch.GetElapsedTime(started).TotalSeconds * rate) + 1);
                for (; sent < due; sent++)
                {
                    var i = sent;
                    times[i] = Stopwatch.GetTimestamp();
                    publishes.Add(Task.Run(async () => calls[i] = (await producer.PublishAsync(organizationId, first + i)).TotalMilliseconds));
                }

                await Task.Delay(1);
            }

            await Task.WhenAll(publishes);
            return await EndAsync(first, times, calls, events, meter, before, load);
        }

        private async Task<(long First, long[] Times, double[] Calls, CpuMeter Meter, (TimeSpan Bench, TimeSpan Postgres) Before, string Load)> BeginAsync(int events)
        {
            // Fresh statistics and no dead rows from the previous run, as the queue benchmark does before a drain.
            await database.ExecuteAsync("VACUUM ANALYZE deliveries, delivery_attempts, delivery_destinations, messaging_messages");
            sink.TakeArrivals();
            var first = Interlocked.Add(ref _nextSequence, events) - events;
            var meter = database.Cpu;
            return (first, new long[events], new double[events], meter, meter.Read(), LoadAverage());
        }

        private async Task<DeliveryRun> EndAsync(
            long first, long[] times, double[] calls, int deliveries, CpuMeter meter, (TimeSpan Bench, TimeSpan Postgres) before, string load)
        {
            var publishEnd = Stopwatch.GetTimestamp();
            var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * Math.Max(120, deliveries / 100));
            while (sink.Count < deliveries)
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    throw new TimeoutException($"Only {sink.Count:N0} of {deliveries:N0} deliveries arrived.");
                }

                await Task.Delay(2);
            }

            var after = meter.Read();
            var arrivals = sink.TakeArrivals();
            var start = times.Min();
            var last = arrivals.Values.Max();
            var sequences = await SequencesAsync(arrivals.Keys);
            var latencies = new List<double>(arrivals.Count);
            foreach (var (id, at) in arrivals)
            {
                latencies.Add(Stopwatch.GetElapsedTime(times[sequences[id] - first], at).TotalMilliseconds);
            }

            return new DeliveryRun(
                deliveries / Stopwatch.GetElapsedTime(start, last).TotalSeconds,
                latencies,
                times.Length / Stopwatch.GetElapsedTime(start, publishEnd).TotalSeconds,
                [.. calls],
                (after.Bench - before.Bench).TotalMicroseconds / deliveries,
                (after.Postgres - before.Postgres).TotalMicroseconds / deliveries,
                $"{load} → {LoadAverage()}");
        }

        /// <summary>Each delivery's event sequence number (webhook-id is the delivery's id), read after the run.</summary>
        private async Task<Dictionary<string, long>> SequencesAsync(IEnumerable<string> ids)
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT id::text, (payload::jsonb #>> '{data,seq}')::bigint FROM deliveries WHERE id = ANY($1)", connection);
            command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. ids.Select(Guid.Parse)] });
            var sequences = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                sequences[reader.GetString(0)] = reader.GetInt64(1);
            }

            return sequences;
        }
    }
}
