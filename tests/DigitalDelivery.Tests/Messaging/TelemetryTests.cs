using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using DigitalDelivery.Core.Messaging;
using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Core.Messaging.Telemetry;
using DigitalDelivery.Tests.Infrastructure;
using DigitalDelivery.Tests.Messaging.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DigitalDelivery.Tests.Messaging;

public sealed class TelemetryTests(LocalInfrastructure infrastructure)
{
    private static readonly ActivitySource TestSource = new("DigitalDelivery.Tests.Messaging");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_span_of_a_handled_message_continues_the_trace_that_enqueued_it_in_another_process()
    {
        var database = await infrastructure.MigratedDatabaseAsync("telemetry_trace");
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("DigitalDelivery.", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var probe = new HandlerProbe();
        await using var consumer = await MessagingTestHost.StartAsync(database, probe, m => m.AddHandler<TestMessage, ProbeHandler>());
        await using var producer = await MessagingTestHost.StartAsync(database);

        ActivityTraceId traceId;
        using (var request = TestSource.StartActivity("POST /orders", ActivityKind.Server))
        {
            Assert.NotNull(request);
            traceId = request.TraceId;
            await using var scope = producer.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMessageOutbox>().EnqueueAsync(new TestMessage(1), cancellationToken: Cancellation);
        }

        await Eventually.WaitUntilAsync(() => probe.Calls.Count == 1, what: "the message");
        await Eventually.WaitUntilAsync(() => activities.Any(a => a.TraceId == traceId && a.Kind == ActivityKind.Consumer), what: "the process span");

        var send = activities.Single(a => a.TraceId == traceId && a.Kind == ActivityKind.Producer);
        var process = activities.Single(a => a.TraceId == traceId && a.Kind == ActivityKind.Consumer);
        Assert.Equal("send tests", send.DisplayName);
        Assert.Equal("process tests", process.DisplayName);
        Assert.Equal(send.SpanId, process.ParentSpanId);
        Assert.Equal(probe.Calls.Single().Context.MessageId.ToString(), process.GetTagItem("messaging.message.id"));
        Assert.Equal(traceId, probe.Calls.Single().Span?.TraceId);
    }

    [Fact]
    public async Task Counters_histograms_and_gauges_report_what_the_queue_did()
    {
        var database = await infrastructure.MigratedDatabaseAsync("telemetry_metrics");
        var probe = new HandlerProbe { OnHandle = (m, _, _) => m.Number == 3 ? throw new InvalidOperationException("no") : Task.CompletedTask };
        await using var host = await MessagingTestHost.StartAsync(database, probe, m => m
            .AddQueue(MessagingTestHost.Queue, q => q.Retry = new RetryPolicy(1, TimeSpan.Zero, TimeSpan.Zero))
            .AddHandler<TestMessage, ProbeHandler>());
        var meterFactory = host.Services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentQueue<(string Instrument, double Value, string? State)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "DigitalDelivery.Messaging" && instrument.Meter.Scope == meterFactory)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, StateOf(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, StateOf(tags))));
        listener.Start();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IMessageOutbox>();
            await outbox.EnqueueManyAsync([new TestMessage(1), new TestMessage(2), new TestMessage(3)], cancellationToken: Cancellation);
            await outbox.EnqueueAsync(new TestMessage(4), new EnqueueOptions { NotBefore = DateTimeOffset.UtcNow.AddHours(1) }, Cancellation);
        }

        await Eventually.WaitUntilAsync(() => Sum(measurements, "messaging.messages.dead_lettered") == 1 && Sum(measurements, "messaging.messages.processed") == 2,
            what: "the counters");
        await host.Services.GetRequiredService<QueueStatsSampler>().SampleAsync([MessagingTestHost.Queue], Cancellation);
        listener.RecordObservableInstruments();

        Assert.Equal(4, Sum(measurements, "messaging.messages.enqueued"));
        Assert.Equal(1, Sum(measurements, "messaging.messages.failed"));
        Assert.Equal(3, measurements.Count(m => m.Instrument == "messaging.process.duration"));
        Assert.Equal(3, measurements.Count(m => m.Instrument == "messaging.enqueue_to_start.duration"));
        Assert.Contains(("messaging.queue.depth", 1d, "scheduled"), measurements);
        Assert.Contains(("messaging.queue.depth", 1d, "dead"), measurements);
        Assert.Contains(measurements, m => m.Instrument == "messaging.queue.oldest_ready_age");
    }

    [Fact]
    public async Task The_health_check_is_degraded_while_the_oldest_ready_message_waits_longer_than_the_threshold()
    {
        var database = await infrastructure.MigratedDatabaseAsync("telemetry_health");
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new HandlerProbe { OnHandle = (m, _, _) => m.Number == 1 ? gate.Task : Task.CompletedTask };
        await using var host = await MessagingTestHost.StartAsync(database, probe, m => m
            .AddQueue(MessagingTestHost.Queue, q =>
            {
                q.Concurrency = 1;
                q.DegradedAfter = TimeSpan.FromMinutes(1);
                q.LeaseDuration = TimeSpan.FromHours(1);
            })
            .AddHandler<TestMessage, ProbeHandler>(), time);
        var health = host.Services.GetRequiredService<HealthCheckService>();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IMessageOutbox>();
            await outbox.EnqueueAsync(new TestMessage(1), cancellationToken: Cancellation);
            await Eventually.WaitUntilAsync(() => host.Consumer().Running == 1, what: "the blocking handler");
            await outbox.EnqueueAsync(new TestMessage(2), cancellationToken: Cancellation);
        }

        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(r => r.Name == "messaging", Cancellation)).Status);
        time.Advance(TimeSpan.FromMinutes(2));
        var degraded = await health.CheckHealthAsync(r => r.Name == "messaging", Cancellation);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("tests", degraded.Entries["messaging"].Description, StringComparison.Ordinal);

        gate.SetResult();
        await Eventually.WaitUntilAsync(() => probe.Calls.Count == 2, what: "both messages");
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(r => r.Name == "messaging", Cancellation)).Status);
    }

    private static double Sum(IEnumerable<(string Instrument, double Value, string? State)> measurements, string instrument) =>
        measurements.Where(m => m.Instrument == instrument).Sum(m => m.Value);

    private static string? StateOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "digitaldelivery.message.state")
            {
                return (string?)tag.Value;
            }
        }

        return null;
    }
}
