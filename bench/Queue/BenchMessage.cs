namespace DigitalDelivery.Bench.Queue;

/// <summary>A benchmark message: load has SentTimestamp 0, latency probes carry the Stopwatch timestamp of their enqueue.</summary>
public sealed record BenchMessage(long SentTimestamp);
