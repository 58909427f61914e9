using System.Diagnostics;
using DigitalDelivery.Core.Messaging.Consuming;
using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Tests.Infrastructure;
using DigitalDelivery.Tests.Messaging.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DigitalDelivery.Tests.Messaging;

public sealed class ConsumerTests(LocalInfrastructure infrastructure)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Three_consumer_instances_apply_each_of_600_messages_exactly_once()
    {
        var database = await infrastructure.MigratedDatabaseAsync("consumers_exactly_once");
        await TestEffects.CreateAsync(database);
        var probe = new HandlerProbe();
        await using var producer = await MessagingTestHost.StartAsync(database);
        var consumers = new List<MessagingTestHost>();
        for (var i = 0; i < 3; i++)
        {
            consumers.Add(await MessagingTestHost.StartAsync(database, probe, m => m
                .AddQueue(MessagingTestHost.Queue, q => q.Concurrency = 4)
                .AddTransactionalHandler<TestMessage, EffectHandler>()));
        }

        await using (var scope = producer.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IMessageOutbox>();
            foreach (var chunk in Enumerable.Range(1, 600).Chunk(50))
            {
                await outbox.EnqueueManyAsync(chunk.Select(n => new TestMessage(n)), cancellationToken: Cancellation);
            }
        }

        await Eventually.WaitUntilAsync(async () => await TestEffects.CountAsync(database) >= 600, what: "600 effects");
        foreach (var consumer in consumers)
        {
            await consumer.DisposeAsync();
        }

        Assert.Equal(600L, await TestEffects.CountAsync(database));
        Assert.Equal(600L, await TestEffects.DistinctCountAsync(database));
        Assert.Equal(0L, await TestEffects.ScalarAsync<long>(database, "SELECT count(*) FROM messaging_messages"));
        Assert.Equal(600, probe.Calls.Count);
    }

    [Fact]
    public async Task At_least_once_handlers_on_competing_consumers_see_each_message_once_when_nothing_fails()
    {
        var database = await infrastructure.MigratedDatabaseAsync("consumers_at_least_once");
        var probe = new HandlerProbe();
        await using var a = await MessagingTestHost.StartAsync(database, probe, m => m.AddHandler<TestMessage, ProbeHandler>());
        await using var b = await MessagingTestHost.StartAsync(database, probe, m => m.AddHandler<TestMessage, ProbeHandler>());
        await using (var scope = a.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageOutbox>()
                .EnqueueManyAsync(Enumerable.Range(1, 500).Select(n => new TestMessage(n)), cancellationToken: Cancellation);
        }

        await Eventually.WaitUntilAsync(() => probe.Calls.Count >= 500, what: "500 messages handled");
        await Eventually.WaitUntilAsync(async () => await TestEffects.ScalarAsync<long>(database, "SELECT count(*) FROM messaging_messages") == 0,
            what: "all completions written");

        Assert.Equal(Enumerable.Range(1, 500), probe.Calls.Select(c => c.Message.Number).Order());
    }

    [Fact]
    public async Task Higher_priority_messages_are_handled_first_and_equal_priorities_in_order()
    {
        var database = await infrastructure.MigratedDatabaseAsync("consumers_priority");
        await using (var producer = await MessagingTestHost.StartAsync(database))
        await using (var scope = producer.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IMessageOutbox>();
            int[] priorities = [0, 5, 10, 5, 0, 10, 3];
            for (var i = 0; i < priorities.Length; i++)
            {
                await outbox.EnqueueAsync(new TestMessage(i), new EnqueueOptions { Priority = priorities[i] }, Cancellation);
            }
        }

        var probe = new HandlerProbe();
        await using var consumer = await MessagingTestHost.StartAsync(database, probe, m => m
            .AddQueue(MessagingTestHost.Queue, q => q.Concurrency = 1)
            .AddHandler<TestMessage, ProbeHandler>());
        await Eventually.WaitUntilAsync(() => probe.Calls.Count == 7, what: "seven messages");

        Assert.Equal([2, 5, 1, 3, 6, 0, 4], probe.Calls.Select(c => c.Message.Number));
    }

    [Fact]
    public async Task A_scheduled_message_is_not_delivered_before_its_time()
    {
        var database = await infrastructure.MigratedDatabaseAsync("consumers_scheduled");
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var probe = new HandlerProbe();
        await using var host = await MessagingTestHost.StartAsync(database, probe, m => m.AddHandler<TestMessage, ProbeHandler>(), time);
        var consumer = host.Consumer();
        var due = time.GetUtcNow().AddMinutes(10);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageOutbox>()
                .EnqueueAsync(new TestMessage(1), new EnqueueOptions { NotBefore = due }, Cancellation);
        }

        foreach (var at in new[] { due.AddMinutes(-9), due.AddMilliseconds(-1) })
        {
            time.SetTo(at);
            await LooksAtOrAfterAsync(consumer, at);
            Assert.Empty(probe.Calls);
        }

        time.SetTo(due);
        consumer.Wake();
        await Eventually.WaitUntilAsync(() => probe.Calls.Count == 1, what: "the message once due");
        Assert.Equal(due, probe.Calls.Single().At);
    }

    [Fact]
    public async Task A_notification_wakes_an_idle_consumer_in_another_process_long_before_its_30_second_poll()
    {
        var database = await infrastructure.MigratedDatabaseAsync("consumers_notify");
        var probe = new HandlerProbe();
        await using var consumer = await MessagingTestHost.StartAsync(database, probe, m => m
            .AddQueue(MessagingTestHost.Queue, q => q.PollInterval = TimeSpan.FromSeconds(30))
            .AddHandler<TestMessage, ProbeHandler>());
        await Eventually.WaitUntilAsync(() => consumer.Consumer().Claims > 0, what: "the consumer's first (empty) claim");
        await using var producer = await MessagingTestHost.StartAsync(database);

        var latencies = new List<TimeSpan>();
        for (var i = 1; i <= 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await using (var scope = producer.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<IMessageOutbox>().EnqueueAsync(new TestMessage(i), cancellationToken: Cancellation);
            }

            await Eventually.WaitUntilAsync(() => probe.Calls.Count == i, TimeSpan.FromSeconds(10), $"message {i}");
            latencies.Add(Stopwatch.GetElapsedTime(started));
        }

        Assert.All(latencies, latency => Assert.True(latency < TimeSpan.FromSeconds(2), $"took {latency}"));
    }

    [Fact]
    public async Task A_message_abandoned_by_a_crashed_consumer_is_redelivered_after_its_lease_and_applied_once()
    {
        var database = await infrastructure.MigratedDatabaseAsync("consumers_crash");
        await TestEffects.CreateAsync(database);
        await using (var producer = await MessagingTestHost.StartAsync(database))
        await using (var scope = producer.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageOutbox>().EnqueueAsync(new TestMessage(7), cancellationToken: Cancellation);
        }

        // The crashed instance: it claimed the message (a lease of 300 ms) and died without completing or releasing.
        await using var dataSource = NpgsqlDataSource.Create(database);
        var now = DateTimeOffset.UtcNow;
        var abandoned = await new MessageStore(dataSource).ClaimAsync(MessagingTestHost.Queue, 10, Guid.NewGuid(), now, now.AddMilliseconds(300), Cancellation);
        Assert.Single(abandoned);

        var probe = new HandlerProbe();
        await using var survivor = await MessagingTestHost.StartAsync(database, probe, m => m
            .AddQueue(MessagingTestHost.Queue, q => q.SweepInterval = TimeSpan.FromMilliseconds(100))
            .AddTransactionalHandler<TestMessage, EffectHandler>());
        await Eventually.WaitUntilAsync(() => probe.Calls.Count == 1, what: "the redelivery");
        await Eventually.WaitUntilAsync(async () => await TestEffects.ScalarAsync<long>(database, "SELECT count(*) FROM messaging_messages") == 0,
            what: "the message to be completed");

        Assert.Equal(2, probe.Calls.Single().Context.Attempt);
        Assert.Equal(abandoned[0].Id, probe.Calls.Single().Context.MessageId);
        Assert.Equal(1L, await TestEffects.CountAsync(database));
        // The crashed claim's token no longer completes anything.
        Assert.Empty(await new MessageStore(dataSource).CompleteManyAsync([abandoned[0].Id], [abandoned[0].LockToken], Cancellation));
    }

    [Fact]
    public async Task An_outside_effect_applied_before_a_crash_is_not_repeated_thanks_to_the_idempotency_key()
    {
        var database = await infrastructure.MigratedDatabaseAsync("consumers_idempotency");
        await TestEffects.CreateAsync(database);
        await using (var producer = await MessagingTestHost.StartAsync(database))
        await using (var scope = producer.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageOutbox>().EnqueueAsync(new TestMessage(8), cancellationToken: Cancellation);
        }

        // The "outside system" records effects by idempotency key, as a payment or mail API would.
        async Task ApplyEffectAsync(Guid messageId, string idempotencyKey)
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync(Cancellation);
            await using var command = new NpgsqlCommand(
                "INSERT INTO test_effects (message_id, number, idempotency_key) VALUES ($1, 8, $2) ON CONFLICT (idempotency_key) DO NOTHING", connection)
            {
                Parameters = { new() { Value = messageId }, new() { Value = idempotencyKey } },
            };
            await command.ExecuteNonQueryAsync(Cancellation);
        }

        await using var dataSource = NpgsqlDataSource.Create(database);
        var now = DateTimeOffset.UtcNow;
        var crashed = (await new MessageStore(dataSource).ClaimAsync(MessagingTestHost.Queue, 1, Guid.NewGuid(), now, now.AddMilliseconds(300), Cancellation)).Single();
        await ApplyEffectAsync(crashed.Id, crashed.Id.ToString("N"));

        var probe = new HandlerProbe { OnHandle = (_, context, _) => ApplyEffectAsync(context.MessageId, context.IdempotencyKey) };
        await using var survivor = await MessagingTestHost.StartAsync(database, probe, m => m
            .AddQueue(MessagingTestHost.Queue, q => q.SweepInterval = TimeSpan.FromMilliseconds(100))
            .AddHandler<TestMessage, ProbeHandler>());
        await Eventually.WaitUntilAsync(() => probe.Calls.Count == 1, what: "the redelivery");

        Assert.Equal(1L, await TestEffects.CountAsync(database));
    }

    [Fact]
    public async Task A_long_handler_keeps_its_message_by_renewing_the_lease()
    {
        var database = await infrastructure.MigratedDatabaseAsync("consumers_renew");
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new HandlerProbe { OnHandle = (_, _, _) => gate.Task };
        var lease = TimeSpan.FromSeconds(30);
        await using var host = await MessagingTestHost.StartAsync(database, probe, m => m
            .AddQueue(MessagingTestHost.Queue, q =>
            {
                q.LeaseDuration = lease;
                q.SweepInterval = TimeSpan.FromSeconds(1);
            })
            .AddHandler<TestMessage, ProbeHandler>(), time);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageOutbox>().EnqueueAsync(new TestMessage(1), cancellationToken: Cancellation);
        }

        await Eventually.WaitUntilAsync(() => host.Consumer().Running == 1, what: "the handler to start");
        // Five leases long, in steps of a third of a lease: each step renews, so the sweeps never free it.
        for (var step = 0; step < 15; step++)
        {
            time.Advance(lease / 3);
            var expected = time.GetUtcNow() + lease;
            await Eventually.WaitUntilAsync(async () =>
                await TestEffects.ScalarAsync<DateTime>(database, "SELECT locked_until FROM messaging_messages") >= expected.UtcDateTime,
                what: $"renewal {step}");
        }

        gate.SetResult();
        await Eventually.WaitUntilAsync(() => probe.Calls.Count == 1, what: "the handler to finish");
        await Eventually.WaitUntilAsync(async () => await TestEffects.ScalarAsync<long>(database, "SELECT count(*) FROM messaging_messages") == 0,
            what: "the completion");
        Assert.Equal(1, probe.Calls.Single().Context.Attempt);
    }

    [Fact]
    public async Task Shutdown_releases_messages_whose_handlers_do_not_finish_in_the_grace_period_without_using_an_attempt()
    {
        var database = await infrastructure.MigratedDatabaseAsync("consumers_shutdown");
        var stuck = new HandlerProbe { OnHandle = (_, _, cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken) };
        var first = await MessagingTestHost.StartAsync(database, stuck, m => m
            .AddQueue(MessagingTestHost.Queue, q => q.ShutdownGrace = TimeSpan.FromMilliseconds(200))
            .AddHandler<TestMessage, ProbeHandler>());
        await using (var scope = first.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageOutbox>().EnqueueAsync(new TestMessage(1), cancellationToken: Cancellation);
        }

        await Eventually.WaitUntilAsync(() => first.Consumer().Running == 1, what: "the handler to start");
        await first.DisposeAsync();

        Assert.Equal(0, await TestEffects.ScalarAsync<int>(database, "SELECT attempts FROM messaging_messages"));
        Assert.True(await TestEffects.ScalarAsync<bool>(database, "SELECT lock_token IS NULL FROM messaging_messages"));

        var probe = new HandlerProbe();
        await using var second = await MessagingTestHost.StartAsync(database, probe, m => m.AddHandler<TestMessage, ProbeHandler>());
        await Eventually.WaitUntilAsync(() => probe.Calls.Count == 1, what: "the released message");
        Assert.Equal(1, probe.Calls.Single().Context.Attempt);
    }

    [Fact]
    public async Task Shutdown_lets_running_handlers_finish_within_the_grace_period()
    {
        var database = await infrastructure.MigratedDatabaseAsync("consumers_graceful");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new HandlerProbe { OnHandle = (_, _, _) => gate.Task };
        var host = await MessagingTestHost.StartAsync(database, probe, m => m.AddHandler<TestMessage, ProbeHandler>());
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageOutbox>().EnqueueAsync(new TestMessage(1), cancellationToken: Cancellation);
        }

        await Eventually.WaitUntilAsync(() => host.Consumer().Running == 1, what: "the handler to start");
        var stopping = host.DisposeAsync().AsTask();
        Assert.False(stopping.IsCompleted);
        gate.SetResult();
        await stopping;

        Assert.Single(probe.Calls);
        Assert.Equal(0L, await TestEffects.ScalarAsync<long>(database, "SELECT count(*) FROM messaging_messages"));
    }

    /// <summary>Wakes the consumer and waits until it has claimed with a clock reading at or after the given time.</summary>
    internal static Task LooksAtOrAfterAsync(QueueConsumer consumer, DateTimeOffset at)
    {
        consumer.Wake();
        return Eventually.WaitUntilAsync(() => consumer.LastClaimAt >= at, what: $"a claim at {at:O}");
    }
}
