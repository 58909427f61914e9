namespace DigitalDelivery.Bench.Queue;

/// <summary>The same load for the transactional (exactly-once) handler kind.</summary>
public sealed record TransactionalBenchMessage(long SentTimestamp);
