using DigitalDelivery.Core.Messaging;
using DigitalDelivery.Core.Messaging.DeadLetters;
using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Tests.Infrastructure;
using DigitalDelivery.Tests.Messaging.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalDelivery.Tests.Messaging;

public sealed class RetryTests(LocalInfrastructure infrastructure)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void Backoff_doubles_from_the_base_delay_up_to_the_cap_and_full_jitter_draws_below_it()
    {
        var policy = new RetryPolicy(maxAttempts: 10, baseDelay: TimeSpan.FromSeconds(1), maxDelay: TimeSpan.FromSeconds(30));

        Assert.Equal([1, 2, 4, 8, 16, 30, 30], Enumerable.Range(1, 7).Select(a => policy.CeilingAfter(a).TotalSeconds));
        Assert.Equal(TimeSpan.Zero, policy.DelayAfter(3, 0));
        Assert.Equal(TimeSpan.FromSeconds(2), policy.DelayAfter(3, 0.5));
        Assert.True(policy.DelayAfter(3, 0.999999) < TimeSpan.FromSeconds(4));
        Assert.Equal(TimeSpan.FromSeconds(30), policy.CeilingAfter(1000));
    }

    [Fact]
    public async Task A_failing_message_is_retried_on_its_backoff_schedule_and_dead_lettered_after_the_last_attempt()
    {
        var database = await infrastructure.MigratedDatabaseAsync("retry_schedule");
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var attempts = new List<(int Attempt, DateTimeOffset At)>();
        var probe = new HandlerProbe
        {
            OnHandle = (_, context, _) =>
            {
                lock (attempts)
                {
                    attempts.Add((context.Attempt, time.GetUtcNow()));
                }

                throw new InvalidOperationException($"boom {context.Attempt}");
            },
        };
        var policy = new RetryPolicy(maxAttempts: 4, baseDelay: TimeSpan.FromSeconds(10), maxDelay: TimeSpan.FromSeconds(25));
        await using var host = await MessagingTestHost.StartAsync(database, probe, m => m
            .Configure(o => o.Jitter = () => 0.5)
            .AddQueue(MessagingTestHost.Queue, q =>
            {
                q.Retry = policy;
                q.PollInterval = TimeSpan.FromHours(1);
            })
            .AddHandler<TestMessage, ProbeHandler>(), time);
        var consumer = host.Consumer();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageOutbox>().EnqueueAsync(new TestMessage(1), cancellationToken: Cancellation);
        }

        // Half of each ceiling (jitter pinned at 0.5): 10 s -> 5 s, 20 s -> 10 s, 25 s (capped) -> 12.5 s.
        TimeSpan[] expectedDelays = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(12.5)];
        var failedAt = time.GetUtcNow();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var failures = attempt;
            await Eventually.WaitUntilAsync(async () => await TestEffects.ScalarAsync<int>(database,
                "SELECT coalesce((SELECT jsonb_array_length(errors) FROM messaging_messages WHERE lock_token IS NULL), 0)") == failures,
                what: $"failure {attempt} to be recorded");
            var runAt = new DateTimeOffset(await TestEffects.ScalarAsync<DateTime>(database, "SELECT run_at FROM messaging_messages"));
            Assert.Equal(failedAt + expectedDelays[attempt - 1], runAt);

            time.SetTo(runAt.AddMilliseconds(-1));
            await ConsumerTests.LooksAtOrAfterAsync(consumer, runAt.AddMilliseconds(-1));
            Assert.Equal(attempt, await TestEffects.ScalarAsync<int>(database, "SELECT attempts FROM messaging_messages"));

            time.SetTo(runAt);
            consumer.Wake();
            await Eventually.WaitUntilAsync(() => attempts.Count == attempt + 1, what: $"attempt {attempt + 1}");
            failedAt = runAt;
        }

        var deadLetters = host.Services.GetRequiredService<DeadLetterService>();
        await Eventually.WaitUntilAsync(async () => (await deadLetters.ListAsync(DeadLetterFilter.All, cancellationToken: Cancellation)).Items.Count == 1,
            what: "the dead letter");
        var letter = await deadLetters.GetAsync((await deadLetters.ListAsync(DeadLetterFilter.All, cancellationToken: Cancellation)).Items[0].Id, Cancellation);

        Assert.NotNull(letter);
        Assert.Equal([1, 2, 3, 4], attempts.Select(a => a.Attempt));
        Assert.Equal(
            [time.GetUtcNow() - TimeSpan.FromSeconds(27.5), time.GetUtcNow() - TimeSpan.FromSeconds(22.5), time.GetUtcNow() - TimeSpan.FromSeconds(12.5), time.GetUtcNow()],
            attempts.Select(a => a.At));
        Assert.Equal(4, letter.Attempts);
        Assert.Equal([1, 2, 3, 4], letter.History.Select(h => h.Attempt));
        Assert.Equal(attempts.Select(a => (DateTimeOffset?)a.At), letter.History.Select(h => h.StartedAt));
        Assert.Contains("boom 4", letter.LastError, StringComparison.Ordinal);
        Assert.Equal(0L, await TestEffects.ScalarAsync<long>(database, "SELECT count(*) FROM messaging_messages"));
    }

    [Fact]
    public async Task A_poison_message_does_not_block_the_other_messages_of_its_queue()
    {
        var database = await infrastructure.MigratedDatabaseAsync("retry_poison");
        var probe = new HandlerProbe
        {
            OnHandle = (message, _, _) => message.Number == 0 ? throw new InvalidOperationException("poison") : Task.CompletedTask,
        };
        await using var host = await MessagingTestHost.StartAsync(database, probe, m => m
            .AddQueue(MessagingTestHost.Queue, q =>
            {
                q.Concurrency = 1;
                q.Retry = new RetryPolicy(5, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20));
            })
            .AddHandler<TestMessage, ProbeHandler>());
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IMessageOutbox>();
            await outbox.EnqueueAsync(new TestMessage(0), new EnqueueOptions { Priority = 10 }, Cancellation);
            await outbox.EnqueueManyAsync(Enumerable.Range(1, 20).Select(n => new TestMessage(n)), cancellationToken: Cancellation);
        }

        await Eventually.WaitUntilAsync(() => probe.Calls.Count == 20, what: "the twenty good messages");
        await Eventually.WaitUntilAsync(async () => await TestEffects.ScalarAsync<long>(database, "SELECT count(*) FROM messaging_dead_letters") == 1,
            what: "the poison message to become a dead letter");
        Assert.Equal(5, await TestEffects.ScalarAsync<int>(database, "SELECT attempts FROM messaging_dead_letters"));
    }
}
