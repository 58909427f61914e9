using System.Diagnostics;
using DigitalDelivery.Bench.Infrastructure;
using DigitalDelivery.Core.Messaging.Consuming;
using DigitalDelivery.Core.Messaging.Sending;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace DigitalDelivery.Bench.Queue;

/// <summary>
/// The queue benchmark of issue 3: (a) the durable commit ceiling, (b) enqueue single and batched, (c) processed
/// throughput with no-op handlers, (d) enqueue-to-start latency at idle and under load. Producer and consumer are
/// separate hosts (as Api and Worker are), so wake-ups travel through LISTEN/NOTIFY.
/// </summary>
internal static class QueueBenchmark
{
    private const int BatchSize = 1000;
    private const int ConsumerConcurrency = 256;

    private sealed record Settings(TimeSpan Phase, int DrainCount, int Clients, int ConsumerConcurrency);

    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = new BenchArguments(args);
        var settings = new Settings(
            Phase: TimeSpan.FromSeconds(arguments.GetInt("seconds", 5)),
            DrainCount: arguments.GetInt("messages", 200_000),
            Clients: arguments.GetInt("concurrency", 8),
            ConsumerConcurrency: arguments.GetInt("consumer-concurrency", ConsumerConcurrency));
        // --only a,b,c,d runs a subset (for tuning); the summary line needs all four.
        var only = arguments.Get("only")?.Split(',') ?? ["a", "b", "c", "d"];

        await using var database = await BenchDatabase.StartAsync(arguments.Get("connection"), "queue_bench");
        Console.WriteLine($"queue benchmark on {database.Description}; {Environment.ProcessorCount} cores, {settings.Clients} clients, {settings.Phase.TotalSeconds:F0} s phases");
        var results = new Results();
        var probe = new BenchProbe();
        var producer = await BenchHost.StartAsync(database.ConnectionString, probe);
        try
        {
            if (only.Contains("a"))
            {
                await CommitCeilingAsync(database, producer, settings, results);
            }

            if (only.Contains("b"))
            {
                await EnqueueAsync(database, producer, settings, results);
            }

            if (only.Contains("c"))
            {
                await ProcessedAsync(database, producer, probe, settings, results);
            }

            if (only.Contains("d"))
            {
                await LatencyAsync(database, producer, probe, settings, results);
            }
        }
        finally
        {
            await BenchHost.StopAsync(producer);
        }

        results.Print();
        return 0;
    }

    /// <summary>(a) What the disk allows one transaction at a time per client: the bar batching has to beat.</summary>
    private static async Task CommitCeilingAsync(BenchDatabase database, IHost producer, Settings settings, Results results)
    {
        await database.ExecuteAsync("CREATE TABLE IF NOT EXISTS bench_commits (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload text NOT NULL)");
        var dataSource = producer.Services.GetRequiredService<NpgsqlDataSource>();
        results.CommitCeiling = await TimedAsync(settings.Clients, settings.Phase, async _ =>
        {
            await using var command = dataSource.CreateCommand("INSERT INTO bench_commits (payload) VALUES ($1)");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "{\"SentTimestamp\":0}" });
            await command.ExecuteNonQueryAsync();
            return 1;
        });
        results.Add("commit ceiling", $"{results.CommitCeiling:N0}/s", $"single-row INSERT + COMMIT loop, {settings.Clients} clients");
    }

    /// <summary>(b) Enqueue through the public IMessageOutbox, one message per transaction and 1000 per statement.</summary>
    private static async Task EnqueueAsync(BenchDatabase database, IHost producer, Settings settings, Results results)
    {
        var single = await TimedAsync(settings.Clients, settings.Phase, async _ =>
        {
            await using var scope = producer.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMessageOutbox>().EnqueueAsync(new BenchMessage(0));
            return 1;
        });
        results.Add("enqueue single", $"{single:N0}/s", $"EnqueueAsync, own transaction each, {settings.Clients} clients");
        await database.ExecuteAsync("TRUNCATE messaging_messages");

        var batch = Enumerable.Range(0, BatchSize).Select(_ => new BenchMessage(0)).ToArray();
        results.EnqueueBatched = await TimedAsync(settings.Clients, settings.Phase, async _ =>
        {
            await using var scope = producer.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IMessageOutbox>().EnqueueManyAsync(batch);
        });
        results.Add("enqueue batched", $"{results.EnqueueBatched:N0}/s", $"EnqueueManyAsync of {BatchSize}, {settings.Clients} clients");
        await database.ExecuteAsync("TRUNCATE messaging_messages");
    }

    /// <summary>(c) Drain a backlog with no-op handlers (as graphile-worker's and River's benchmarks do).</summary>
    private static async Task ProcessedAsync(BenchDatabase database, IHost producer, BenchProbe probe, Settings settings, Results results)
    {
        await PreloadAsync(producer, settings.DrainCount, settings.Clients, _ => new BenchMessage(0));
        (results.Processed, var cpu) = await DrainAsync(database, probe, settings.DrainCount, m => m
            .AddQueue(BenchHost.Queue, q => q.Concurrency = settings.ConsumerConcurrency)
            .AddHandler<BenchMessage, NoOpHandler>());
        results.Add("processed (at-least-once)", $"{results.Processed:N0}/s",
            $"{settings.DrainCount:N0} queued, no-op handler, concurrency {settings.ConsumerConcurrency}; {cpu}");

        var transactionalCount = Math.Max(1000, settings.DrainCount / 10);
        await PreloadAsync(producer, transactionalCount, settings.Clients, _ => new TransactionalBenchMessage(0));
        var (transactional, transactionalCpu) = await DrainAsync(database, probe, transactionalCount, m => m
            .AddQueue(BenchHost.Queue, q => q.Concurrency = 32)
            .AddTransactionalHandler<TransactionalBenchMessage, TransactionalNoOpHandler>());
        results.Add("processed (transactional)", $"{transactional:N0}/s",
            $"{transactionalCount:N0} queued, no-op handler, one commit per message, concurrency 32; {transactionalCpu}");
    }

    /// <summary>
    /// Phase (c)'s at-least-once no-op drain on its own, for other benchmarks' baselines in the same run: the queue's
    /// ceiling for any handler. Uses its own producer host; the queue table must hold no other messages meanwhile.
    /// </summary>
    public static async Task<(double Rate, string Cpu)> NoOpRateAsync(BenchDatabase database, int count)
    {
        var probe = new BenchProbe();
        var producer = await BenchHost.StartAsync(database.ConnectionString, probe);
        try
        {
            await PreloadAsync(producer, count, 8, _ => new BenchMessage(0));
        }
        finally
        {
            await BenchHost.StopAsync(producer);
        }

        return await DrainAsync(database, probe, count, m => m
            .AddQueue(BenchHost.Queue, q => q.Concurrency = ConsumerConcurrency)
            .AddHandler<BenchMessage, NoOpHandler>());
    }

    /// <summary>(d) Enqueue call to handler start, from the producer host to a separate consumer host.</summary>
    private static async Task LatencyAsync(BenchDatabase database, IHost producer, BenchProbe probe, Settings settings, Results results)
    {
        var consumer = await BenchHost.StartAsync(database.ConnectionString, probe, m => m
            .AddQueue(BenchHost.Queue, q => q.Concurrency = settings.ConsumerConcurrency)
            .AddHandler<BenchMessage, NoOpHandler>());
        try
        {
            results.Idle = await ProbeLatencyAsync(producer, probe, count: 300, spacing: TimeSpan.FromMilliseconds(20), load: null);
            var enqueueCalls = probe.TakeEnqueueDurations();
            results.Add("latency idle p50 / p99", $"{Percentiles.Of(results.Idle, 50):F2} / {Percentiles.Of(results.Idle, 99):F2} ms",
                $"{results.Idle.Count} probes 20 ms apart, from the enqueue call to the handler");
            results.Add("  of which the enqueue call", $"{Percentiles.Of(enqueueCalls, 50):F2} / {Percentiles.Of(enqueueCalls, 99):F2} ms",
                "its INSERT and durable COMMIT (the producer's share)");

            // Half of what the queue can do, but no more than a rate this machine can also enqueue.
            var rate = (int)(0.5 * (results.Processed > 0 ? results.Processed : 10_000));
            var (loaded, achieved) = await UnderLoadAsync(producer, probe, rate, settings.Phase);
            results.Add("latency under load p50 / p99", $"{Percentiles.Of(loaded, 50):F2} / {Percentiles.Of(loaded, 99):F2} ms",
                $"{loaded.Count} probes while {achieved:N0}/s are enqueued and processed");
        }
        finally
        {
            await BenchHost.StopAsync(consumer);
        }
    }

    private static async Task<double> TimedAsync(int workers, TimeSpan duration, Func<int, Task<int>> iteration)
    {
        // A short warm-up (JIT, pools, prepared statements) that is not counted.
        var warmUntil = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * 0.5);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            while (Stopwatch.GetTimestamp() < warmUntil)
            {
                await iteration(w);
            }
        }));

        long count = 0;
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(Stopwatch.Frequency * duration.TotalSeconds);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                Interlocked.Add(ref count, await iteration(w));
            }
        }));
        return count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task PreloadAsync<TMessage>(IHost producer, int count, int workers, Func<int, TMessage> create)
        where TMessage : class
    {
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (true)
            {
                var start = Interlocked.Add(ref next, BatchSize) - BatchSize;
                if (start >= count)
                {
                    return;
                }

                var messages = Enumerable.Range(start, Math.Min(BatchSize, count - start)).Select(create).ToList();
                await using var scope = producer.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IMessageOutbox>().EnqueueManyAsync(messages);
            }
        }));
    }

    private static async Task<(double Rate, string Cpu)> DrainAsync(
        BenchDatabase database, BenchProbe probe, int count, Action<Core.Messaging.MessagingBuilder> consume)
    {
        await database.ExecuteAsync("VACUUM ANALYZE messaging_messages");
        probe.Reset();
        var cpu = database.Cpu;
        var (benchBefore, postgresBefore) = cpu.Read();
        var started = Stopwatch.GetTimestamp();
        var consumer = await BenchHost.StartAsync(database.ConnectionString, probe, consume);
        while (probe.Processed < count)
        {
            await Task.Delay(5);
        }

        // Done means completed (deleted), not just handled.
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var remaining = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM messaging_messages)", connection);
        while ((bool)(await remaining.ExecuteScalarAsync())!)
        {
            await Task.Delay(5);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var (benchAfter, postgresAfter) = cpu.Read();
        var claims = consumer.Services.GetRequiredService<MessagingHostedService>().Consumers.Sum(c => c.Claims);
        await BenchHost.StopAsync(consumer);
        var perMessage = $"CPU per message {(benchAfter - benchBefore).TotalMicroseconds / count:F0} us .NET + {(postgresAfter - postgresBefore).TotalMicroseconds / count:F0} us PostgreSQL, {(double)count / claims:F0} per claim";
        return (count / elapsed.TotalSeconds, perMessage);
    }

    private static async Task<List<double>> ProbeLatencyAsync(
        IHost producer, BenchProbe probe, int count, TimeSpan spacing, Task? load, int warmUp = 20)
    {
        probe.TakeLatencies();
        probe.TakeEnqueueDurations();
        for (var i = 0; i < count + warmUp; i++)
        {
            if (i == warmUp)
            {
                probe.TakeLatencies();
                probe.TakeEnqueueDurations();
            }

            var handled = probe.NextProbe;
            var sent = Stopwatch.GetTimestamp();
            await using (var scope = producer.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<IMessageOutbox>().EnqueueAsync(new BenchMessage(sent));
            }

            probe.EnqueueTook(Stopwatch.GetElapsedTime(sent));

            await handled.WaitAsync(TimeSpan.FromSeconds(60));
            await Task.Delay(spacing);
            if (load?.IsCompleted == true)
            {
                break;
            }
        }

        return probe.TakeLatencies();
    }

    private static async Task<(List<double> Latencies, double Achieved)> UnderLoadAsync(IHost producer, BenchProbe probe, int rate, TimeSpan duration)
    {
        // Batches of a tenth of the per-second rate every 100 ms, from the producer host.
        using var stop = new CancellationTokenSource(duration);
        long sent = 0;
        var started = Stopwatch.GetTimestamp();
        var perTick = Math.Max(1, rate / 10);
        var load = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            var messages = Enumerable.Range(0, perTick).Select(_ => new BenchMessage(0)).ToArray();
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token))
                {
                    await using var scope = producer.Services.CreateAsyncScope();
                    sent += await scope.ServiceProvider.GetRequiredService<IMessageOutbox>().EnqueueManyAsync(messages);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        var latencies = await ProbeLatencyAsync(producer, probe, int.MaxValue / 2, TimeSpan.FromMilliseconds(20), load, warmUp: 0);
        await load;
        return (latencies, sent / Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
