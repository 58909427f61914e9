namespace DigitalDelivery.Core.Messaging.Telemetry;

/// <summary>
/// One queue at one moment: ready (due, unclaimed), scheduled (not due yet), in flight, dead. <see cref="OldestReadyAt"/>
/// is when the oldest ready message became due (null when none is ready); <see cref="OldestReadyAge"/> is how long ago.
/// </summary>
public sealed record QueueStats(
    string Queue,
    long Ready,
    long Scheduled,
    long InFlight,
    long DeadLetters,
    TimeSpan OldestReadyAge,
    DateTimeOffset? OldestReadyAt,
    DateTimeOffset SampledAt);
