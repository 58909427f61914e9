using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DigitalDelivery.Core.Messaging.Telemetry;

/// <summary>
/// Degraded when a queue this process consumes has a ready message older than its
/// <see cref="QueueOptions.DegradedAfter"/>: consumers are missing, stuck or too slow. Uses the sampler's last
/// reading, and samples itself only when that is stale.
/// </summary>
internal sealed class MessagingHealthCheck(MessagingBuilder configuration, QueueStatsSampler sampler, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var queues = configuration.ConsumedQueues;
        if (queues.Count == 0)
        {
            return HealthCheckResult.Healthy("No queue is consumed by this service.");
        }

        var stats = sampler.Latest;
        var staleBefore = time.GetUtcNow() - (2 * configuration.Options.StatsInterval);
        if (queues.Any(q => !stats.TryGetValue(q, out var s) || s.SampledAt < staleBefore))
        {
            try
            {
                stats = await sampler.SampleAsync(queues, cancellationToken);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                return HealthCheckResult.Degraded("Queue statistics are unavailable.", ex);
            }
        }

        var data = new Dictionary<string, object>();
        var late = new List<string>();
        foreach (var queue in queues)
        {
            if (!stats.TryGetValue(queue, out var s))
            {
                continue;
            }

            data[$"{queue}.ready"] = s.Ready;
            data[$"{queue}.oldest_ready_age_seconds"] = Math.Round(s.OldestReadyAge.TotalSeconds, 1);
            data[$"{queue}.dead_letters"] = s.DeadLetters;
            if (s.OldestReadyAge > configuration.OptionsFor(queue).DegradedAfter)
            {
                late.Add($"{queue} (oldest ready message waiting {s.OldestReadyAge.TotalSeconds:F0} s)");
            }
        }

        return late.Count == 0
            ? HealthCheckResult.Healthy("Queues are keeping up.", data)
            : HealthCheckResult.Degraded($"Queues falling behind: {string.Join(", ", late)}.", data: data);
    }
}
