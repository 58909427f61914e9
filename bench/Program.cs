using DigitalDelivery.Bench.Downloads;
using DigitalDelivery.Bench.Queue;

// Each benchmark is a subcommand with its own folder; they share BenchDatabase for a durable PostgreSQL.
return args.FirstOrDefault() switch
{
    "queue" => await QueueBenchmark.RunAsync(args[1..]),
    "downloads" => await DownloadsBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project bench -- <benchmark> [options]

          queue   the PostgreSQL message queue: commit ceiling, enqueue, processed throughput, latency
                  --connection "<connection string>"  use this database instead of starting a durable PostgreSQL
                  --seconds N                         length of each timed phase (default 5)
                  --messages N                        messages drained in the throughput phase (default 200000)
                  --concurrency N                     client tasks for the commit ceiling and enqueue phases (default 8)

          downloads  the public download endpoint: validated requests/s in redirect mode, streamed vs direct MB/s
                  --connection "<connection string>"  use this database instead of starting a durable PostgreSQL
                  --seconds N                         length of the timed redirect phase (default 10)
                  --clients N                         concurrent redirect clients, each with its own link (default 64)
                  --mb N                              size of the streamed file in MB (default 256)
                  --runs N                            streamed and direct downloads each, alternating (default 3)
        """);
    return 2;
}
