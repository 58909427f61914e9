using System.Diagnostics;
using System.Diagnostics.Metrics;
using DigitalDelivery.Core.Messaging.Consuming;

namespace DigitalDelivery.Core.Messaging.Telemetry;

/// <summary>
/// The engine's traces and metrics, named "DigitalDelivery.Messaging" (ServiceDefaults subscribes to
/// "DigitalDelivery.*"). Attribute names follow the OpenTelemetry messaging conventions where they have one.
/// </summary>
internal sealed class MessagingTelemetry
{
    public const string Name = "DigitalDelivery.Messaging";

    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _enqueued;
    private readonly Counter<long> _processed;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _deadLettered;
    private readonly Histogram<double> _handlerDuration;
    private readonly Histogram<double> _startLatency;

    public MessagingTelemetry(IMeterFactory meterFactory, QueueStatsSampler sampler)
    {
        var meter = meterFactory.Create(Name);
        _enqueued = meter.CreateCounter<long>("messaging.messages.enqueued", "{message}", "Messages added to a queue.");
        _processed = meter.CreateCounter<long>("messaging.messages.processed", "{message}", "Messages handled successfully and completed.");
        _failed = meter.CreateCounter<long>("messaging.messages.failed", "{message}", "Handler attempts that failed (each is retried or dead-lettered).");
        _deadLettered = meter.CreateCounter<long>("messaging.messages.dead_lettered", "{message}", "Messages that ran out of attempts.");
        _handlerDuration = meter.CreateHistogram<double>("messaging.process.duration", "s", "Time a handler took, successful or not.");
        _startLatency = meter.CreateHistogram<double>("messaging.enqueue_to_start.duration", "s",
            "From the moment a message was due (enqueued, scheduled or retried) until its handler started.");

        meter.CreateObservableGauge("messaging.queue.depth", () => Depths(sampler), "{message}",
            "Unfinished messages per queue and state (ready, scheduled, in_flight, dead).");
        meter.CreateObservableGauge("messaging.queue.oldest_ready_age", () => sampler.Latest.Values.Select(
                s => new Measurement<double>(s.OldestReadyAge.TotalSeconds, Queue(s.Queue))), "s",
            "How long the oldest ready message of each queue has been waiting.");
    }

    public static Activity? StartSend(string queue, string messageType, int count)
    {
        var activity = Source.StartActivity($"send {queue}", ActivityKind.Producer);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "postgresql");
            activity.SetTag("messaging.operation.type", "send");
            activity.SetTag("messaging.destination.name", queue);
            activity.SetTag("digitaldelivery.message.type", messageType);
            activity.SetTag("messaging.batch.message_count", count);
        }

        return activity;
    }

    /// <summary>A span per handled message, child of the span that enqueued it (the W3C context it carries).</summary>
    public static Activity? StartProcess(ClaimedMessage message)
    {
        ActivityContext.TryParse(message.TraceParent, message.TraceState, isRemote: true, out var parent);
        var activity = Source.StartActivity($"process {message.Queue}", ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "postgresql");
            activity.SetTag("messaging.operation.type", "process");
            activity.SetTag("messaging.destination.name", message.Queue);
            activity.SetTag("messaging.message.id", message.Id.ToString());
            activity.SetTag("messaging.message.conversation_id", message.CorrelationId.ToString());
            activity.SetTag("digitaldelivery.message.type", message.MessageType);
            activity.SetTag("digitaldelivery.message.attempt", message.Attempt);
        }

        return activity;
    }

    public void Enqueued(string queue, string messageType, int count)
    {
        if (count > 0)
        {
            _enqueued.Add(count, Tags(queue, messageType));
        }
    }

    public void Started(ClaimedMessage message, TimeSpan latency) =>
        _startLatency.Record(Math.Max(0, latency.TotalSeconds), Tags(message.Queue, message.MessageType));

    public void Processed(ClaimedMessage message, TimeSpan duration)
    {
        var tags = Tags(message.Queue, message.MessageType);
        _processed.Add(1, tags);
        _handlerDuration.Record(duration.TotalSeconds, tags);
    }

    public void Failed(ClaimedMessage message, TimeSpan duration)
    {
        var tags = Tags(message.Queue, message.MessageType);
        _failed.Add(1, tags);
        _handlerDuration.Record(duration.TotalSeconds, tags);
    }

    public void DeadLettered(ClaimedMessage message) => _deadLettered.Add(1, Tags(message.Queue, message.MessageType));

    private static IEnumerable<Measurement<long>> Depths(QueueStatsSampler sampler)
    {
        foreach (var stats in sampler.Latest.Values)
        {
            yield return new Measurement<long>(stats.Ready, State(stats.Queue, "ready"));
            yield return new Measurement<long>(stats.Scheduled, State(stats.Queue, "scheduled"));
            yield return new Measurement<long>(stats.InFlight, State(stats.Queue, "in_flight"));
            yield return new Measurement<long>(stats.DeadLetters, State(stats.Queue, "dead"));
        }
    }

    private static TagList Tags(string queue, string messageType) =>
        new() { { "messaging.destination.name", queue }, { "digitaldelivery.message.type", messageType } };

    private static TagList Queue(string queue) => new() { { "messaging.destination.name", queue } };

    private static TagList State(string queue, string state) =>
        new() { { "messaging.destination.name", queue }, { "digitaldelivery.message.state", state } };
}
