namespace DigitalDelivery.Bench.Deliveries;

/// <summary>The data of a benchmark event: its sequence number, by which an arrival is matched to its publish time.</summary>
internal sealed record BenchEventData(long Seq, string Note);
