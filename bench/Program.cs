using DigitalDelivery.Bench.Deliveries;
using DigitalDelivery.Bench.DeliveryMetrics;
using DigitalDelivery.Bench.Downloads;
using DigitalDelivery.Bench.Queue;

// Each benchmark is a subcommand with its own folder; they share BenchDatabase for a durable PostgreSQL.
return args.FirstOrDefault() switch
{
    "queue" => await QueueBenchmark.RunAsync(args[1..]),
    "downloads" => await DownloadsBenchmark.RunAsync(args[1..]),
    "deliveries" => await DeliveriesBenchmark.RunAsync(args[1..]),
    "delivery-metrics" => await DeliveryMetricsBenchmark.RunAsync(args[1..]),
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

          deliveries  webhook deliveries/s from publish to a local receiver through DeliveryWorker's engine, p50/p99
                  --connection "<connection string>"  use this database instead of starting a durable PostgreSQL
                  --events N                          events to one destination per run (default 5000)
                  --fanout-events N                   events to the fan-out destinations per run (default 100)
                  --destinations N                    destinations of the fan-out phase (default 100)
                  --producers N                       concurrent producers publishing the backlogs (default 16)
                  --seconds N                         length of the half-rate latency phase (default 5)
                  --noop-messages N                   messages of the queue's no-op baseline per run (default 50000)
                  --runs N                            runs of each phase, median reported (default 3)
                  --max-auto-prepare N                Npgsql Max Auto Prepare on DeliveryWorker's connections (default 64, as deployed; 0: off)
                  --pg-statements on                  print the statements that took PostgreSQL's time in the one-destination phase (pg_stat_statements)

          delivery-metrics  GET /api/v1/deliveries/metrics over a month of stored attempts, against the statement alone and the pipeline's floor
                  --connection "<connection string>"  use this database instead of starting a durable PostgreSQL
                  --attempts N                        attempts stored for the measured organization, and as many for a neighbour (default 100000)
                  --requests N                        timed requests of each series (default 30)
        """);
    return 2;
}
