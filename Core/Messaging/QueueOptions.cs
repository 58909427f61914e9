namespace DigitalDelivery.Core.Messaging;

/// <summary>How a process consumes one queue. Every consumer of a queue should use the same policy.</summary>
public sealed class QueueOptions
{
    /// <summary>Handlers running at once in this process; a claim asks for exactly the free slots.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>
    /// How long a claim is valid. Running handlers renew it every third of this, so it only bounds how long a
    /// crashed consumer keeps its messages: they become claimable once it expires (plus one sweep interval).
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The fallback when no NOTIFY arrives (another database, a lost listener); also finds scheduled messages that fell due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often expired leases are looked for.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    public RetryPolicy Retry { get; set; } = RetryPolicy.Default;

    /// <summary>On shutdown, how long running handlers may finish before they are cancelled and their messages released.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The health check reports Degraded when the oldest ready message has waited longer than this.</summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromMinutes(5);

    internal void Validate(string queue)
    {
        if (Concurrency < 1 || LeaseDuration < TimeSpan.FromMilliseconds(100) || PollInterval <= TimeSpan.Zero
            || SweepInterval <= TimeSpan.Zero || ShutdownGrace < TimeSpan.Zero || DegradedAfter <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Queue '{queue}' has invalid options: concurrency must be at least 1, the lease at least 100 ms and every interval positive.");
        }
    }
}
