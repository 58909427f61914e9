namespace DigitalDelivery.Core.Messaging.Telemetry;

/// <summary>One queue at one moment: ready (due, unclaimed), scheduled (not due yet), in flight, dead.</summary>
public sealed record QueueStats(
    string Queue,
    long Ready,
    long Scheduled,
    long InFlight,
    long DeadLetters,
    TimeSpan OldestReadyAge,
    DateTimeOffset SampledAt);
