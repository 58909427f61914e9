namespace DigitalDelivery.Core.Messaging;

/// <summary>Settings of the messaging engine as a whole (per process).</summary>
public sealed class MessagingOptions
{
    /// <summary>
    /// At most one NOTIFY per this interval per process. A NOTIFY makes its commit take a database-wide lock, so one
    /// per enqueue would serialise every enqueuing transaction; one per interval wakes idle consumers just as well,
    /// because a busy consumer keeps claiming until a claim comes back short.
    /// </summary>
    public TimeSpan NotifyInterval { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How often queue depth and the age of the oldest ready message are sampled for gauges and health.</summary>
    public TimeSpan StatsInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most completions deleted by one statement.</summary>
    public int CompletionBatchSize { get; set; } = 1000;

    /// <summary>The jitter source for retries, uniform in [0, 1). Tests pin it to check the schedule.</summary>
    internal Func<double> Jitter { get; set; } = Random.Shared.NextDouble;
}
